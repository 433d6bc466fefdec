"""Reports: the Excel workbook for analysts and the PDF reports supervisors print."""
