<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AcknowledgeInput</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>AgreementPanel</name>
    <message>
        <source>Coder agreement</source>
        <translation>Kesepakatan antarpengode</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>% agree</source>
        <translation>% sepakat</translation>
    </message>
    <message>
        <source>% after</source>
        <translation>% sesudah</translation>
    </message>
    <message>
        <source>κ after</source>
        <translation>κ sesudah</translation>
    </message>
    <message>
        <source>α after</source>
        <translation>α sesudah</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Belum selesai</translation>
    </message>
    <message>
        <source>The theme applies</source>
        <translation>Tema berlaku</translation>
    </message>
    <message>
        <source>The theme does not apply</source>
        <translation>Tema tidak berlaku</translation>
    </message>
    <message>
        <source>Why the coders agreed on this</source>
        <translation>Mengapa para pengode menyepakati ini</translation>
    </message>
    <message>
        <source>Agreed coding</source>
        <translation>Kode yang disepakati</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Sikap</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Selesaikan</translation>
    </message>
    <message>
        <source>No session is double coded yet (neutralitas agreement assign).</source>
        <translation>Belum ada sesi yang dikode ganda (neutralitas agreement assign).</translation>
    </message>
    <message>
        <source>{name} ({done} of {sessions} done)</source>
        <translation>{name} ({done} dari {sessions} selesai)</translation>
    </message>
    <message>
        <source>{units} units coded by {coders}; {resolved} disagreements resolved.</source>
        <translation>{units} unit dikode oleh {coders}; {resolved} ketidaksepakatan telah diselesaikan.</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>Keseluruhan</translation>
    </message>
    <message>
        <source>transcript</source>
        <translation>transkrip</translation>
    </message>
    <message>
        <source>No open disagreement.</source>
        <translation>Tidak ada ketidaksepakatan yang tersisa.</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Diterapkan</translation>
    </message>
    <message>
        <source>Passages</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
</context>
<context>
    <name>AnalysisActions</name>
    <message>
        <source>Triangulation matrix</source>
        <translation>Matriks triangulasi</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>Buku kode</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>Coder agreement</source>
        <translation>Kesepakatan antarpengode</translation>
    </message>
    <message>
        <source>Legal materials</source>
        <translation>Bahan hukum</translation>
    </message>
    <message>
        <source>Find in answers…</source>
        <translation>Cari dalam jawaban…</translation>
    </message>
    <message>
        <source>Code this session&apos;s texts</source>
        <translation>Kode teks sesi ini</translation>
    </message>
    <message>
        <source>This session&apos;s transcript and recording</source>
        <translation>Transkrip dan rekaman sesi ini</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Make the hand-out package?</source>
        <translation>Buat paket pembagian?</translation>
    </message>
    <message>
        <source>This laptop holds the new study and is its supervisor. Each researcher&apos;s laptop joins the study from a hand-out package this laptop signs. Make it now? (Later: File › Export field package…)</source>
        <translation>Laptop ini menyimpan studi baru dan menjadi penyelianya. Laptop setiap peneliti bergabung ke studi melalui paket pembagian yang ditandatangani laptop ini. Buat sekarang? (Nanti: Berkas › Ekspor paket lapangan…)</translation>
    </message>
    <message>
        <source>Make the hand-out…</source>
        <translation>Buat paket pembagian…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Nanti</translation>
    </message>
    <message>
        <source>Save the hand-out package</source>
        <translation>Simpan paket pembagian</translation>
    </message>
    <message>
        <source>Hand-out written: %1</source>
        <translation>Paket pembagian tersimpan: %1</translation>
    </message>
    <message>
        <source>Encrypt this study?</source>
        <translation>Enkripsi studi ini?</translation>
    </message>
    <message>
        <source>This study file is not encrypted: anyone who gets this laptop or a copy of the file can read every answer and every informant&apos;s name. Encrypt it now with a passphrase?</source>
        <translation>Berkas studi ini tidak terenkripsi: siapa pun yang memegang laptop ini atau salinan berkasnya dapat membaca setiap jawaban dan nama setiap informan. Enkripsi sekarang dengan frasa sandi?</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>Enkripsi</translation>
    </message>
    <message>
        <source>Keep it unencrypted</source>
        <translation>Biarkan tanpa enkripsi</translation>
    </message>
</context>
<context>
    <name>AttachmentInput</name>
    <message>
        <source>No file attached</source>
        <translation>Belum ada berkas</translation>
    </message>
    <message>
        <source>Attach a photo…</source>
        <translation>Lampirkan foto…</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Lampirkan berkas…</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Simpan salinan…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>File not in this study (%1…)</source>
        <translation>Berkas tidak ada dalam studi ini (%1…)</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Gambar (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Simpan salinan</translation>
    </message>
</context>
<context>
    <name>CodebookPanel</name>
    <message>
        <source>Codebook</source>
        <translation>Buku kode</translation>
    </message>
    <message>
        <source>Add theme…</source>
        <translation>Tambah tema…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Ganti nama…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>Gabungkan ke…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Impor…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Ekspor…</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Codings</source>
        <translation>Pengodean</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(dipensiunkan)</translation>
    </message>
    <message>
        <source>%1 themes</source>
        <translation>%1 tema</translation>
    </message>
    <message>
        <source>Reinstate</source>
        <translation>Aktifkan lagi</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Dasar hukum</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Deskripsi</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Termasuk</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Tidak termasuk</translation>
    </message>
    <message>
        <source>Merge theme</source>
        <translation>Gabungkan tema</translation>
    </message>
    <message>
        <source>Merge “%1” into:</source>
        <translation>Gabungkan “%1” ke:</translation>
    </message>
    <message>
        <source>Retire theme</source>
        <translation>Nonaktifkan tema</translation>
    </message>
    <message>
        <source>Retire “%1”? Its evidence stays; it takes no new codings.</source>
        <translation>Nonaktifkan “%1”? Buktinya tetap ada; tema ini tidak menerima pengodean baru.</translation>
    </message>
    <message>
        <source>Import codebook</source>
        <translation>Impor buku kode</translation>
    </message>
    <message>
        <source>%1: %2 added, %3 updated, %4 unchanged</source>
        <translation>%1: %2 ditambahkan, %3 diperbarui, %4 tidak berubah</translation>
    </message>
    <message>
        <source>Export codebook</source>
        <translation>Ekspor buku kode</translation>
    </message>
    <message>
        <source>Wrote %1 themes to %2</source>
        <translation>%1 tema ditulis ke %2</translation>
    </message>
</context>
<context>
    <name>CodingPanel</name>
    <message>
        <source>Coding</source>
        <translation>Pengodean</translation>
    </message>
    <message>
        <source>Correct source tags…</source>
        <translation>Perbaiki tag sumber…</translation>
    </message>
    <message>
        <source>Memo (optional)</source>
        <translation>Memo (opsional)</translation>
    </message>
    <message>
        <source>Code selection</source>
        <translation>Kodekan teks terpilih</translation>
    </message>
    <message>
        <source>Delete coding</source>
        <translation>Hapus pengodean</translation>
    </message>
    <message>
        <source>Link excerpt to incident…</source>
        <translation>Tautkan kutipan ke peristiwa…</translation>
    </message>
    <message>
        <source>Link to incident…</source>
        <translation>Tautkan ke peristiwa…</translation>
    </message>
    <message>
        <source>Link this whole answer or note to an incident</source>
        <translation>Tautkan seluruh jawaban atau catatan ini ke suatu peristiwa</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Sumber: %1</translation>
    </message>
    <message>
        <source>%1 (field note)</source>
        <translation>%1 (catatan lapangan)</translation>
    </message>
    <message>
        <source>This session has no free-text answers or notes.</source>
        <translation>Sesi ini tidak memiliki jawaban uraian atau catatan.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Sikap</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>Pengode</translation>
    </message>
    <message>
        <source>(text changed since)</source>
        <translation>(teks sudah berubah)</translation>
    </message>
</context>
<context>
    <name>CommentsDialog</name>
    <message>
        <source>Review comments</source>
        <translation>Komentar tinjauan</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Pada</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Komentar</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kapan</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>the whole session</source>
        <translation>seluruh sesi</translation>
    </message>
    <message>
        <source>dealt with</source>
        <translation>sudah ditangani</translation>
    </message>
    <message>
        <source>open</source>
        <translation>terbuka</translation>
    </message>
    <message>
        <source>No review comments on this session.</source>
        <translation>Tidak ada komentar tinjauan pada sesi ini.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Apa</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Di mana</translation>
    </message>
    <message>
        <source>Sides</source>
        <translation>Versi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Jawaban</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>Status sesi</translation>
    </message>
    <message>
        <source>Coding</source>
        <translation>Pengodean</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>Finding on theme %1</source>
        <translation>Temuan pada tema %1</translation>
    </message>
    <message>
        <source>Coding of: %1</source>
        <translation>Pengodean atas: %1</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Tidak ada konflik terbuka.</translation>
    </message>
    <message>
        <source>%1 open conflict(s): choose the side to keep, or write the value.</source>
        <translation>%1 konflik terbuka: pilih versi yang dipertahankan, atau tulis nilainya.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(kosong)</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Catatan: %1</translation>
    </message>
    <message>
        <source>shown now</source>
        <translation>tampil sekarang</translation>
    </message>
    <message>
        <source>Keep this</source>
        <translation>Pertahankan ini</translation>
    </message>
    <message>
        <source>Or write the value:</source>
        <translation>Atau tulis nilainya:</translation>
    </message>
    <message>
        <source>Use this value</source>
        <translation>Pakai nilai ini</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>Informed consent</source>
        <translation>Persetujuan informan</translation>
    </message>
    <message>
        <source>Read the guide&apos;s consent statement to the informant, then record the answer.</source>
        <translation>Bacakan pernyataan persetujuan dari pedoman kepada informan, lalu catat jawabannya.</translation>
    </message>
    <message>
        <source>Consent given: start the interview</source>
        <translation>Bersedia: mulai wawancara</translation>
    </message>
    <message>
        <source>Consent refused: record the refusal and collect nothing else</source>
        <translation>Tidak bersedia: catat penolakan dan jangan kumpulkan data lain</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cara</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kapan</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>May be named as a source in a report to an authority</source>
        <translation>Bersedia disebut sebagai sumber dalam laporan kepada lembaga berwenang</translation>
    </message>
    <message>
        <source>A separate, optional consent: without it, a case file for Bawaslu, BKN or the regent describes what this informant said by their role only.</source>
        <translation>Persetujuan terpisah dan tidak wajib: tanpa persetujuan ini, berkas untuk Bawaslu, BKN, atau bupati menyebut keterangan informan ini menurut perannya saja.</translation>
    </message>
    <message>
        <source>Start interview</source>
        <translation>Mulai wawancara</translation>
    </message>
    <message>
        <source>Record refusal</source>
        <translation>Catat penolakan</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>TTTT-BB-HH</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Pick a date</source>
        <translation>Pilih tanggal</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <source>YYYY-MM-DDTHH:MM</source>
        <translation>TTTT-BB-HHTJJ:MM</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
</context>
<context>
    <name>DeviceDialog</name>
    <message>
        <source>This laptop</source>
        <translation>Laptop ini</translation>
    </message>
    <message>
        <source>Read this fingerprint out to your supervisor: they trust this laptop&apos;s packages only when it matches what their merge shows.</source>
        <translation>Bacakan sidik jari ini kepada penyelia Anda: penyelia hanya memercayai paket dari laptop ini jika sidik jari ini sama dengan yang ditampilkan saat penggabungan.</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Peneliti</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Id perangkat</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>Sidik jari kunci</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Cannot do that</source>
        <translation>Tidak dapat dilakukan</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>ElementTestDialog</name>
    <message>
        <source>Edit element test</source>
        <translation>Ubah uji unsur</translation>
    </message>
    <message>
        <source>Element test</source>
        <translation>Uji unsur pasal</translation>
    </message>
    <message>
        <source>Why the element is met, not met or unclear</source>
        <translation>Mengapa unsur ini terpenuhi, tidak terpenuhi, atau belum jelas</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Pasal</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>Unsur</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Pertimbangan</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bukti</translation>
    </message>
    <message>
        <source>Say why: the reasoning is required</source>
        <translation>Tuliskan alasannya: pertimbangan wajib diisi</translation>
    </message>
</context>
<context>
    <name>EvidenceTableModel</name>
    <message>
        <source>Stance</source>
        <translation>Sikap</translation>
    </message>
    <message>
        <source>Excerpt or answer</source>
        <translation>Kutipan atau jawaban</translation>
    </message>
    <message>
        <source>Informant</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Role / source</source>
        <translation>Peran / sumber</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Coded by</source>
        <translation>Dikode oleh</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>otomatis</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <source>Export field package…</source>
        <translation>Ekspor paket lapangan…</translation>
    </message>
    <message>
        <source>Merge packages…</source>
        <translation>Gabungkan paket…</translation>
    </message>
    <message>
        <source>Approve session</source>
        <translation>Setujui sesi</translation>
    </message>
    <message>
        <source>Return session…</source>
        <translation>Kembalikan sesi…</translation>
    </message>
    <message>
        <source>Comments on this session…</source>
        <translation>Komentar pada sesi ini…</translation>
    </message>
    <message>
        <source>Conflicts…</source>
        <translation>Konflik…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Tinjauan</translation>
    </message>
    <message>
        <source>Select a session in the list first.</source>
        <translation>Pilih dulu sebuah sesi di daftar.</translation>
    </message>
    <message>
        <source>Comment (optional):</source>
        <translation>Komentar (opsional):</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Excel workbook…</source>
        <translation>Buku kerja Excel…</translation>
    </message>
    <message>
        <source>Study summary (PDF)…</source>
        <translation>Ringkasan studi (PDF)…</translation>
    </message>
    <message>
        <source>Session transcript (PDF)…</source>
        <translation>Transkrip sesi (PDF)…</translation>
    </message>
    <message>
        <source>Blank instrument for paper (PDF)…</source>
        <translation>Instrumen kosong untuk kertas (PDF)…</translation>
    </message>
    <message>
        <source>Findings chapter (Word)…</source>
        <translation>Bab temuan (Word)…</translation>
    </message>
    <message>
        <source>Appendix of transcripts (Word)…</source>
        <translation>Lampiran transkrip (Word)…</translation>
    </message>
    <message>
        <source>Codebook (Word)…</source>
        <translation>Buku kode (Word)…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Excel workbook</source>
        <translation>Ekspor buku kerja Excel</translation>
    </message>
    <message>
        <source>Study summary (PDF)</source>
        <translation>Ringkasan studi (PDF)</translation>
    </message>
    <message>
        <source>Session transcript (PDF)</source>
        <translation>Transkrip sesi (PDF)</translation>
    </message>
    <message>
        <source>Blank instrument for paper (PDF)</source>
        <translation>Instrumen kosong untuk kertas (PDF)</translation>
    </message>
    <message>
        <source>Findings chapter (Word)</source>
        <translation>Bab temuan (Word)</translation>
    </message>
    <message>
        <source>Appendix of transcripts (Word)</source>
        <translation>Lampiran transkrip (Word)</translation>
    </message>
    <message>
        <source>Codebook (Word)</source>
        <translation>Buku kode (Word)</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesi</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Telusuri…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Simpan sebagai</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Filters (nothing ticked: everything)</source>
        <translation>Saringan (tanpa centang: semuanya)</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>Status sesi</translation>
    </message>
    <message>
        <source>Anonymise: no identities; names, phone numbers, e-mail addresses, NIP and NIK typed into texts are redacted</source>
        <translation>Anonimkan: tanpa identitas; nama, nomor telepon, alamat email, NIP dan NIK yang tertulis dalam teks disamarkan</translation>
    </message>
    <message>
        <source>Include informants&apos; real names and contacts (confidential)</source>
        <translation>Sertakan nama asli dan kontak informan (rahasia)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Buka berkas</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Tampilkan di folder</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>Choose where to save the file.</source>
        <translation>Pilih tempat menyimpan berkas.</translation>
    </message>
    <message>
        <source>That folder does not exist.</source>
        <translation>Folder itu tidak ada.</translation>
    </message>
    <message>
        <source>The file name must end in {suffix}.</source>
        <translation>Nama berkas harus berakhiran {suffix}.</translation>
    </message>
    <message>
        <source>An anonymised export cannot include names.</source>
        <translation>Ekspor anonim tidak boleh memuat nama.</translation>
    </message>
    <message>
        <source>There is no session to export.</source>
        <translation>Tidak ada sesi untuk diekspor.</translation>
    </message>
    <message>
        <source>There is no instrument to print.</source>
        <translation>Tidak ada instrumen untuk dicetak.</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Dokumen Word (*.docx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Batalkan ekspor</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>({sessions} sessions, {answers} answers)</source>
        <translation>({sessions} sesi, {answers} jawaban)</translation>
    </message>
    <message>
        <source>Saved {path} in {seconds:.1f} s.</source>
        <translation>{path} tersimpan dalam {seconds:.1f} dtk.</translation>
    </message>
    <message>
        <source>The export failed: {message}</source>
        <translation>Ekspor gagal: {message}</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Ekspor dibatalkan; tidak ada berkas yang ditulis.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>FindQuestionDialog</name>
    <message>
        <source>Find a question</source>
        <translation>Cari pertanyaan</translation>
    </message>
    <message>
        <source>Words from the question, its hint or its name…</source>
        <translation>Kata dari pertanyaan, petunjuk, atau namanya…</translation>
    </message>
    <message>
        <source>Enter jumps to the question; questions not asked are greyed.</source>
        <translation>Enter melompat ke pertanyaan; pertanyaan yang tidak ditanyakan berwarna abu-abu.</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Findings</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Semua lokasi</translation>
    </message>
    <message>
        <source>The conclusion drawn from the evidence</source>
        <translation>Kesimpulan yang ditarik dari bukti</translation>
    </message>
    <message>
        <source>Why this status (required to verify; say why when no incident is corroborated)</source>
        <translation>Alasan status ini (wajib untuk verifikasi; jelaskan mengapa bila tidak ada peristiwa yang terkuatkan)</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Kesimpulan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Triangulation conclusion</source>
        <translation>Simpulan triangulasi</translation>
    </message>
    <message>
        <source>Incidents it rests on (tick)</source>
        <translation>Peristiwa yang menjadi dasarnya (centang)</translation>
    </message>
    <message>
        <source>Excerpts it quotes (tick, optional)</source>
        <translation>Kutipan yang dirujuk (centang, tidak wajib)</translation>
    </message>
    <message>
        <source>New finding</source>
        <translation>Temuan baru</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Corroboration</source>
        <translation>Penguatan</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Peristiwa</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Sikap</translation>
    </message>
    <message>
        <source>Excerpt or answer</source>
        <translation>Kutipan atau jawaban</translation>
    </message>
    <message>
        <source>Informant</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
</context>
<context>
    <name>FindingsTableModel</name>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Kesimpulan</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Peristiwa</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Penulis</translation>
    </message>
    <message>
        <source>Status set before reasons were required</source>
        <translation>Status ditetapkan sebelum alasan diwajibkan</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <source>Welcome to %1</source>
        <translation>Selamat datang di %1</translation>
    </message>
    <message>
        <source>Before the first interview, tell the app who you are. Your name is recorded with every answer you save, so a supervisor can merge the work of several laptops. You can change all of this later in Settings.</source>
        <translation>Sebelum wawancara pertama, beri tahu aplikasi siapa Anda. Nama Anda dicatat pada setiap jawaban yang disimpan, sehingga supervisor dapat menggabungkan hasil kerja beberapa laptop. Semua ini dapat diubah nanti di Pengaturan.</translation>
    </message>
    <message>
        <source>Protect the study</source>
        <translation>Lindungi studi</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <source>The study</source>
        <translation>Studi</translation>
    </message>
    <message>
        <source>Start a new study (this laptop becomes its supervisor)</source>
        <translation>Mulai studi baru (laptop ini menjadi penyelianya)</translation>
    </message>
    <message>
        <source>Join a study from a package (the hand-out from your supervisor)</source>
        <translation>Gabung ke studi dari paket (paket pembagian dari penyelia Anda)</translation>
    </message>
</context>
<context>
    <name>FormsDialog</name>
    <message>
        <source>Forms in this study</source>
        <translation>Formulir dalam studi ini</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <source>Form id</source>
        <translation>ID formulir</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versi</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Asal</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan papan ketik</translation>
    </message>
    <message>
        <source>This laptop…</source>
        <translation>Laptop ini…</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Tentang %1</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>Sesi baru</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Pertanyaan berikutnya</translation>
    </message>
    <message>
        <source>Next / previous section</source>
        <translation>Bagian berikutnya / sebelumnya</translation>
    </message>
    <message>
        <source>Find a question</source>
        <translation>Cari pertanyaan</translation>
    </message>
    <message>
        <source>Larger / smaller text</source>
        <translation>Teks lebih besar / lebih kecil</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>Isian berikutnya / sebelumnya</translation>
    </message>
    <message>
        <source>Back to study</source>
        <translation>Kembali ke studi</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2&lt;br&gt;Offline field instrument for research on the political neutrality of civil servants (ASN) before regional elections.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2&lt;br&gt;Instrumen lapangan luring untuk penelitian netralitas politik Aparatur Sipil Negara (ASN) menjelang pemilihan kepala daerah.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Answer history</source>
        <translation>Riwayat jawaban</translation>
    </message>
    <message>
        <source>Restore this value</source>
        <translation>Pulihkan nilai ini</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>Incident</source>
        <translation>Peristiwa</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Corroboration</source>
        <translation>Penguatan</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Peristiwa</translation>
    </message>
    <message>
        <source>Lines of evidence</source>
        <translation>Jalur bukti</translation>
    </message>
</context>
<context>
    <name>IncidentView</name>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <source>Date and election stage</source>
        <translation>Tanggal dan tahapan pemilihan</translation>
    </message>
    <message>
        <source>Platform and link</source>
        <translation>Platform dan tautan</translation>
    </message>
    <message>
        <source>Candidate pair favoured</source>
        <translation>Pasangan calon yang diuntungkan</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Dicatat oleh</translation>
    </message>
    <message>
        <source>Case file…</source>
        <translation>Berkas pelanggaran…</translation>
    </message>
    <message>
        <source>A PDF to hand to Panwascam / Bawaslu, BKN or the regent, with the evidence files and their SHA-256 hashes in a ZIP beside it</source>
        <translation>PDF untuk diserahkan ke Panwascam / Bawaslu, BKN, atau bupati, dengan berkas bukti dan nilai hash SHA-256-nya dalam ZIP di sampingnya</translation>
    </message>
    <message>
        <source>Legal analysis…</source>
        <translation>Analisis hukum…</translation>
    </message>
    <message>
        <source>Unlink line…</source>
        <translation>Lepaskan jalur…</translation>
    </message>
    <message>
        <source>%1: %2 independent supporting line(s) of evidence (corroborated from %3); %4 denial(s) listed beside, %5 hearsay account(s) (never corroborate). Bold lines decided it.</source>
        <translation>%1: %2 jalur bukti mandiri yang mendukung (terkuatkan mulai %3); %4 bantahan dicantumkan di samping, %5 kabar dari orang lain (tidak pernah menguatkan). Jalur bercetak tebal yang menentukannya.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Menentukan</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Teknik</translation>
    </message>
    <message>
        <source>Informant</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Excerpt, answer or document</source>
        <translation>Kutipan, jawaban atau dokumen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>tidak dihitung</translation>
    </message>
    <message>
        <source>Save the case file</source>
        <translation>Simpan berkas pelanggaran</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the case file…</source>
        <translation>Menyusun berkas pelanggaran…</translation>
    </message>
    <message>
        <source>Saved %1 and %2 (report by %3).</source>
        <translation>%1 dan %2 tersimpan (laporkan paling lambat %3).</translation>
    </message>
    <message>
        <source>The case file was not written: %1</source>
        <translation>Berkas pelanggaran tidak tersimpan: %1</translation>
    </message>
    <message>
        <source>(the whole session)</source>
        <translation>(seluruh sesi)</translation>
    </message>
    <message>
        <source>Unlink line</source>
        <translation>Lepaskan jalur</translation>
    </message>
    <message>
        <source>Why is this line unlinked?</source>
        <translation>Mengapa jalur ini dilepaskan?</translation>
    </message>
</context>
<context>
    <name>InformantPage</name>
    <message>
        <source>Who is interviewed?</source>
        <translation>Siapa yang diwawancarai?</translation>
    </message>
    <message>
        <source>Pick an informant of this site, or add a new one.</source>
        <translation>Pilih informan di lokasi ini, atau tambahkan yang baru.</translation>
    </message>
    <message>
        <source>New informant</source>
        <translation>Informan baru</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>optional, kept apart, never exported</source>
        <translation>opsional, disimpan terpisah, tidak pernah diekspor</translation>
    </message>
    <message>
        <source>Real name</source>
        <translation>Nama asli</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opsional</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontak</translation>
    </message>
    <message>
        <source>Add informant</source>
        <translation>Tambah informan</translation>
    </message>
    <message>
        <source>Next adds this new informant and goes on.</source>
        <translation>Lanjut menambahkan informan baru ini lalu melanjutkan.</translation>
    </message>
</context>
<context>
    <name>InformantTable</name>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cara</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kapan</translation>
    </message>
</context>
<context>
    <name>InformantsPanel</name>
    <message>
        <source>Search code, role, site…</source>
        <translation>Cari kode, peran, lokasi…</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Semua lokasi</translation>
    </message>
    <message>
        <source>New informant…</source>
        <translation>Informan baru…</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Persetujuan</translation>
    </message>
    <message>
        <source>Named in reports</source>
        <translation>Disebut dalam laporan</translation>
    </message>
    <message>
        <source>Identity hidden</source>
        <translation>Identitas disembunyikan</translation>
    </message>
    <message>
        <source>Reveal identity</source>
        <translation>Tampilkan identitas</translation>
    </message>
    <message>
        <source>Shows the real name and contact; this is logged</source>
        <translation>Menampilkan nama asli dan kontak; tindakan ini dicatat</translation>
    </message>
    <message>
        <source>Consent to take part is not consent to appear in a report to Bawaslu, BKN or the regent: without this, a case file names the informant&apos;s role only.</source>
        <translation>Persetujuan ikut penelitian bukan persetujuan disebut dalam laporan kepada Bawaslu, BKN, atau bupati: tanpa ini, berkas pelanggaran hanya menyebut peran informan.</translation>
    </message>
    <message>
        <source>Withdraw consent…</source>
        <translation>Tarik persetujuan…</translation>
    </message>
    <message>
        <source>A withdrawal is recorded, not deleted: the informant&apos;s answers stay in the study but are left out of exports and reports.</source>
        <translation>Penarikan dicatat, bukan dihapus: jawaban informan tetap tersimpan dalam studi, tetapi tidak diikutkan dalam ekspor dan laporan.</translation>
    </message>
    <message>
        <source>May be named in reports…</source>
        <translation>Bersedia disebut dalam laporan…</translation>
    </message>
    <message>
        <source>No informant selected</source>
        <translation>Belum ada informan yang dipilih</translation>
    </message>
    <message>
        <source>Yes, as a source</source>
        <translation>Ya, sebagai sumber</translation>
    </message>
    <message>
        <source>No: by role only</source>
        <translation>Tidak: menurut peran saja</translation>
    </message>
    <message>
        <source>Take back consent to be named…</source>
        <translation>Tarik persetujuan disebut…</translation>
    </message>
    <message>
        <source>No identity recorded</source>
        <translation>Tidak ada identitas yang dicatat</translation>
    </message>
    <message>
        <source>Did %1 agree to be named as a source in a report to an authority (Bawaslu, BKN, the regent)? Their name is printed only from an encrypted study opened with its passphrase.</source>
        <translation>Apakah %1 bersedia disebut sebagai sumber dalam laporan kepada lembaga berwenang (Bawaslu, BKN, bupati)? Namanya hanya dicetak dari studi terenkripsi yang dibuka dengan kata sandinya.</translation>
    </message>
    <message>
        <source>Record that %1 no longer agrees to be named in a report?</source>
        <translation>Catat bahwa %1 tidak lagi bersedia disebut dalam laporan?</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Catat</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Tarik persetujuan</translation>
    </message>
    <message>
        <source>Record that %1 withdrew consent? Their answers will be left out of exports and reports.</source>
        <translation>Catat bahwa %1 menarik persetujuannya? Jawabannya tidak akan diikutkan dalam ekspor dan laporan.</translation>
    </message>
    <message>
        <source>Record withdrawal</source>
        <translation>Catat penarikan</translation>
    </message>
    <message>
        <source>How and when was it withdrawn? (optional)</source>
        <translation>Bagaimana dan kapan persetujuan ditarik? (opsional)</translation>
    </message>
</context>
<context>
    <name>InstrumentPage</name>
    <message>
        <source>What are you doing?</source>
        <translation>Apa yang akan Anda lakukan?</translation>
    </message>
    <message>
        <source>Choose the interview guide, checklist or log to fill in.</source>
        <translation>Pilih pedoman wawancara, lembar observasi, atau log yang akan diisi.</translation>
    </message>
    <message>
        <source>%1 · %2 questions · version %3</source>
        <translation>%1 · %2 pertanyaan · versi %3</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join a study</source>
        <translation>Gabung ke studi</translation>
    </message>
    <message>
        <source>Join a study from a package</source>
        <translation>Gabung ke studi dari paket</translation>
    </message>
    <message>
        <source>Join…</source>
        <translation>Gabung…</translation>
    </message>
</context>
<context>
    <name>JoinPanel</name>
    <message>
        <source>Choose the package…</source>
        <translation>Pilih paket…</translation>
    </message>
    <message>
        <source>No package chosen yet.</source>
        <translation>Belum ada paket yang dipilih.</translation>
    </message>
    <message>
        <source>Passphrase of the package</source>
        <translation>Frasa sandi paket</translation>
    </message>
    <message>
        <source>The study&apos;s hand-out package</source>
        <translation>Paket pembagian studi</translation>
    </message>
    <message>
        <source>Your supervisor gives every researcher the study&apos;s hand-out package (a .ndpkg file).</source>
        <translation>Penyelia Anda memberikan paket pembagian studi (berkas .ndpkg) kepada setiap peneliti.</translation>
    </message>
    <message>
        <source>(encrypted: shown after joining)</source>
        <translation>(terenkripsi: ditampilkan setelah bergabung)</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studi</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Penyelia</translation>
    </message>
    <message>
        <source>Supervisor&apos;s key fingerprint</source>
        <translation>Sidik jari kunci penyelia</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Join only if the supervisor&apos;s own screen (Help › This laptop…) shows the same fingerprint.</source>
        <translation>Bergabunglah hanya jika layar penyelia sendiri (Bantuan › Laptop ini…) menampilkan sidik jari yang sama.</translation>
    </message>
</context>
<context>
    <name>LegalAnalysisDialog</name>
    <message>
        <source>Legal analysis</source>
        <translation>Analisis hukum</translation>
    </message>
    <message>
        <source>Add element test…</source>
        <translation>Tambah uji unsur…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Ubah…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <source>Articles that apply to this incident: %1</source>
        <translation>Pasal yang berlaku untuk peristiwa ini: %1</translation>
    </message>
    <message>
        <source>No article of the incident&apos;s theme applies to this actor in this study.</source>
        <translation>Tidak ada pasal pada tema peristiwa ini yang berlaku bagi pelaku ini dalam studi ini.</translation>
    </message>
    <message>
        <source>Legal materials of the study: %1 (Analysis › Legal materials)</source>
        <translation>Bahan hukum studi: %1 (Analisis › Bahan hukum)</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Pasal</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>Unsur</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Pertimbangan</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bukti</translation>
    </message>
    <message>
        <source>Remove element test</source>
        <translation>Hapus uji unsur</translation>
    </message>
    <message>
        <source>Why is this test removed?</source>
        <translation>Mengapa uji ini dihapus?</translation>
    </message>
</context>
<context>
    <name>LegalMaterialsPanel</name>
    <message>
        <source>Legal materials</source>
        <translation>Bahan hukum</translation>
    </message>
    <message>
        <source>Legal materials the analysis rests on</source>
        <translation>Bahan hukum yang menjadi dasar analisis</translation>
    </message>
    <message>
        <source>e.g. UU No. 6 Tahun 2014 tentang Desa</source>
        <translation>mis. UU No. 6 Tahun 2014 tentang Desa</translation>
    </message>
    <message>
        <source>Which articles or pages, and why</source>
        <translation>Pasal atau halaman mana, dan mengapa</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>Edit selected</source>
        <translation>Ubah yang dipilih</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Remove legal material</source>
        <translation>Hapus bahan hukum</translation>
    </message>
    <message>
        <source>Why is it removed?</source>
        <translation>Mengapa dihapus?</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Link to incident</source>
        <translation>Tautkan ke peristiwa</translation>
    </message>
    <message>
        <source>An incident already recorded</source>
        <translation>Peristiwa yang sudah dicatat</translation>
    </message>
    <message>
        <source>A new incident</source>
        <translation>Peristiwa baru</translation>
    </message>
    <message>
        <source>Code, office or account — never a name</source>
        <translation>Kode, jabatan atau akun — jangan nama</translation>
    </message>
    <message>
        <source>Who did what (by role or position)</source>
        <translation>Siapa berbuat apa (menurut peran atau jabatan)</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <source>Actor code</source>
        <translation>Kode pelaku</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Apa yang terjadi</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Web link</source>
        <translation>Tautan</translation>
    </message>
    <message>
        <source>Candidate pair favoured</source>
        <translation>Pasangan calon yang diuntungkan</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Tautkan</translation>
    </message>
    <message>
        <source>Kind of evidence</source>
        <translation>Jenis bukti</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <source>Say what happened: who did what</source>
        <translation>Tuliskan apa yang terjadi: siapa berbuat apa</translation>
    </message>
</context>
<context>
    <name>ListChoiceInput</name>
    <message>
        <source>— choose —</source>
        <translation>— pilih —</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening %1…</source>
        <translation>Membuka %1…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>F&amp;orms</source>
        <translation>&amp;Formulir</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Sesi</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analisis</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Ekspor</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Tinjauan</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>Pen&amp;gaturan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>New study…</source>
        <translation>Studi baru…</translation>
    </message>
    <message>
        <source>Open study…</source>
        <translation>Buka studi…</translation>
    </message>
    <message>
        <source>Recent studies</source>
        <translation>Studi terakhir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Join study…</source>
        <translation>Gabung ke studi…</translation>
    </message>
    <message>
        <source>Forms in this study…</source>
        <translation>Formulir dalam studi ini…</translation>
    </message>
    <message>
        <source>New session…</source>
        <translation>Sesi baru…</translation>
    </message>
    <message>
        <source>Resume an unfinished session…</source>
        <translation>Lanjutkan sesi yang belum selesai…</translation>
    </message>
    <message>
        <source>Informants</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Back to study</source>
        <translation>Kembali ke studi</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Utama</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(belum ada)</translation>
    </message>
    <message>
        <source>Refusal recorded; nothing else was collected.</source>
        <translation>Penolakan dicatat; tidak ada data lain yang dikumpulkan.</translation>
    </message>
    <message>
        <source>Unfinished sessions</source>
        <translation>Sesi yang belum selesai</translation>
    </message>
    <message>
        <source>No unfinished sessions.</source>
        <translation>Tidak ada sesi yang belum selesai.</translation>
    </message>
    <message>
        <source>New study</source>
        <translation>Studi baru</translation>
    </message>
    <message>
        <source>%1 already exists; choose a new file name.</source>
        <translation>%1 sudah ada; pilih nama berkas baru.</translation>
    </message>
    <message>
        <source>Save the study as</source>
        <translation>Simpan studi sebagai</translation>
    </message>
    <message>
        <source>Open study</source>
        <translation>Buka studi</translation>
    </message>
</context>
<context>
    <name>MatrixTableModel</name>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Triangulation conclusion</source>
        <translation>Simpulan triangulasi</translation>
    </message>
    <message>
        <source>Context: answers</source>
        <translation>Konteks: jawaban</translation>
    </message>
    <message>
        <source>Incidents: corroborated · single line · contradicted · unattested (lines of evidence)</source>
        <translation>Peristiwa: terkuatkan · satu jalur · dibantah · tidak terbukti (jalur bukti)</translation>
    </message>
    <message>
        <source>What structured answers say (violation · neutrality · unclear): context beside the row, never evidence for or against a violation</source>
        <translation>Apa kata jawaban terstruktur (pelanggaran · netralitas · belum jelas): konteks di samping baris, bukan bukti ada atau tidaknya pelanggaran</translation>
    </message>
    <message>
        <source>Lines of evidence: %1 (supporting %2, denials %3, hearsay %4)</source>
        <translation>Jalur bukti: %1 (mendukung %2, bantahan %3, kabar %4)</translation>
    </message>
    <message>
        <source>Lines in this cell decided the conclusion.</source>
        <translation>Jalur di sel ini menentukan simpulan.</translation>
    </message>
    <message>
        <source>No line of evidence supports an incident of this theme.</source>
        <translation>Tidak ada jalur bukti yang mendukung peristiwa dalam tema ini.</translation>
    </message>
    <message>
        <source>Decided by lines in</source>
        <translation>Ditentukan oleh jalur di</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge packages</source>
        <translation>Gabungkan paket</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Peneliti</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Add packages…</source>
        <translation>Tambah paket…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Passphrase…</source>
        <translation>Frasa sandi…</translation>
    </message>
    <message>
        <source>What the merge would do</source>
        <translation>Yang akan dilakukan penggabungan</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>New sessions</source>
        <translation>Sesi baru</translation>
    </message>
    <message>
        <source>Updated sessions</source>
        <translation>Sesi diperbarui</translation>
    </message>
    <message>
        <source>New answers</source>
        <translation>Jawaban baru</translation>
    </message>
    <message>
        <source>Updated answers</source>
        <translation>Jawaban diperbarui</translation>
    </message>
    <message>
        <source>New codings</source>
        <translation>Pengodean baru</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Gabungkan</translation>
    </message>
    <message>
        <source>Stop after this package</source>
        <translation>Berhenti setelah paket ini</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Encrypted package</source>
        <translation>Paket terenkripsi</translation>
    </message>
    <message>
        <source>Passphrase for %1:</source>
        <translation>Frasa sandi untuk %1:</translation>
    </message>
    <message>
        <source>another study: cannot be merged</source>
        <translation>studi lain: tidak dapat digabungkan</translation>
    </message>
    <message>
        <source>encrypted: passphrase needed</source>
        <translation>terenkripsi: perlu frasa sandi</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>terenkripsi</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>siap</translation>
    </message>
    <message>
        <source>What the merge did</source>
        <translation>Yang dilakukan penggabungan</translation>
    </message>
    <message>
        <source>already merged</source>
        <translation>sudah digabungkan</translation>
    </message>
    <message>
        <source>Checking the packages…</source>
        <translation>Memeriksa paket…</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Menggabungkan…</translation>
    </message>
    <message>
        <source>A new laptop</source>
        <translation>Laptop baru</translation>
    </message>
    <message>
        <source>The package %1 is signed by the laptop %2, which this study does not know yet.

Key fingerprint: %3

Trust this laptop only if the researcher&apos;s own screen (Help › This laptop… or `neutralitas device` on that laptop) shows the same fingerprint.</source>
        <translation>Paket %1 ditandatangani oleh laptop %2, yang belum dikenal studi ini.

Sidik jari kunci: %3

Percayai laptop ini hanya jika layar peneliti sendiri (Bantuan › Laptop ini… atau `neutralitas device` di laptop itu) menampilkan sidik jari yang sama.</translation>
    </message>
    <message>
        <source>Merging %1…</source>
        <translation>Menggabungkan %1…</translation>
    </message>
    <message>
        <source>Nothing has been changed yet. Merge to do it.</source>
        <translation>Belum ada yang berubah. Klik Gabungkan untuk melakukannya.</translation>
    </message>
    <message>
        <source>Merged %1 package(s).</source>
        <translation>%1 paket digabungkan.</translation>
    </message>
    <message>
        <source>%1 not merged (stopped).</source>
        <translation>%1 tidak digabungkan (dihentikan).</translation>
    </message>
</context>
<context>
    <name>MissingAnswersDialog</name>
    <message>
        <source>Not complete yet</source>
        <translation>Belum lengkap</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) still need an answer or a correction:</source>
        <translation>
            <numerusform>%n pertanyaan masih perlu dijawab atau diperbaiki:</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to question</source>
        <translation>Ke pertanyaan</translation>
    </message>
</context>
<context>
    <name>NewInformantDialog</name>
    <message>
        <source>New informant</source>
        <translation>Informan baru</translation>
    </message>
    <message>
        <source>A pseudonym used everywhere instead of the name</source>
        <translation>Nama samaran yang dipakai di mana pun sebagai ganti nama</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Informan kunci, utama or pendukung</source>
        <translation>Informan kunci, utama, atau pendukung</translation>
    </message>
    <message>
        <source>Informant category</source>
        <translation>Kategori informan</translation>
    </message>
    <message>
        <source>Chosen by</source>
        <translation>Cara pemilihan</translation>
    </message>
    <message>
        <source>e.g. how to reach the office; no names</source>
        <translation>mis. cara mencapai kantor; tanpa nama orang</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Optional, kept apart from the answers and never exported:</source>
        <translation>Opsional, disimpan terpisah dari jawaban dan tidak pernah diekspor:</translation>
    </message>
    <message>
        <source>Real name</source>
        <translation>Nama asli</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telepon atau surel</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontak</translation>
    </message>
    <message>
        <source>Create informant</source>
        <translation>Buat informan</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Belum diisi</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>Protect the study</source>
        <translation>Lindungi studi</translation>
    </message>
    <message>
        <source>Study: %1</source>
        <translation>Studi: %1</translation>
    </message>
</context>
<context>
    <name>NewSessionWizard</name>
    <message>
        <source>New session</source>
        <translation>Sesi baru</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Mulai</translation>
    </message>
</context>
<context>
    <name>OperationRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Menghentikan…</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <source>Not asked (skipped by earlier answers)</source>
        <translation>Tidak ditanyakan (dilewati karena jawaban sebelumnya)</translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation>%1 dari %2 dijawab</translation>
    </message>
    <message>
        <source>%1/%2 required</source>
        <translation>%1/%2 wajib</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>dilewati</translation>
    </message>
    <message>
        <source>required %1/%2</source>
        <translation>wajib %1/%2</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>Export field package</source>
        <translation>Ekspor paket lapangan</translation>
    </message>
    <message>
        <source>One file with this laptop&apos;s fieldwork for the supervisor (or, from the supervisor, the sessions going back to a researcher).</source>
        <translation>Satu berkas berisi hasil lapangan laptop ini untuk supervisor (atau, dari supervisor, sesi yang dikembalikan ke peneliti).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Telusuri…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Simpan sebagai</translation>
    </message>
    <message>
        <source>Everyone&apos;s sessions</source>
        <translation>Sesi semua peneliti</translation>
    </message>
    <message>
        <source>Sessions of</source>
        <translation>Sesi milik</translation>
    </message>
    <message>
        <source>Only what changed since the last package</source>
        <translation>Hanya yang berubah sejak paket terakhir</translation>
    </message>
    <message>
        <source>Anonymise: leave out researchers&apos; and devices&apos; names and informants&apos; notes</source>
        <translation>Anonimkan: tanpa nama peneliti dan perangkat serta catatan informan</translation>
    </message>
    <message>
        <source>Encrypt with a passphrase</source>
        <translation>Enkripsi dengan frasa sandi</translation>
    </message>
    <message>
        <source>Include informants&apos; real names and contacts (only encrypted)</source>
        <translation>Sertakan nama asli dan kontak informan (hanya bila terenkripsi)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frasa sandi</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Ulangi</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>Pilih tempat menyimpan paket.</translation>
    </message>
    <message>
        <source>That folder does not exist.</source>
        <translation>Folder itu tidak ada.</translation>
    </message>
    <message>
        <source>The passphrase needs at least 8 characters.</source>
        <translation>Frasa sandi minimal 8 karakter.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Kedua frasa sandi berbeda.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Menulis %1…</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 KB): %3 sessions, %4 answers.</source>
        <translation>%1 ditulis (%2 KB): %3 sesi, %4 jawaban.</translation>
    </message>
</context>
<context>
    <name>PassphraseForm</name>
    <message>
        <source>The study file is encrypted with a passphrase, so a lost or stolen laptop does not give away the informants. Use at least 12 characters: three or more words, or a mix of lower case, upper case, digits and signs.</source>
        <translation>Berkas studi dienkripsi dengan frasa sandi, sehingga laptop yang hilang atau dicuri tidak membuka identitas informan. Gunakan paling sedikit 12 karakter: tiga kata atau lebih, atau campuran huruf kecil, huruf besar, angka dan tanda.</translation>
    </message>
    <message>
        <source>&lt;b&gt;A forgotten passphrase cannot be recovered.&lt;/b&gt; Without it nobody can open this study again; only a supervisor can hand the study out again.</source>
        <translation>&lt;b&gt;Frasa sandi yang terlupa tidak dapat dipulihkan.&lt;/b&gt; Tanpanya tidak seorang pun dapat membuka studi ini lagi; hanya supervisor yang dapat membagikan studi ini kembali.</translation>
    </message>
    <message>
        <source>Study passphrase</source>
        <translation>Frasa sandi studi</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Ulangi</translation>
    </message>
    <message>
        <source>Do not encrypt (not recommended)</source>
        <translation>Jangan enkripsi (tidak disarankan)</translation>
    </message>
    <message>
        <source>Without encryption anyone who gets this laptop, its disk or a copy of the study file can read every answer and every informant&apos;s name and phone number.</source>
        <translation>Tanpa enkripsi, siapa pun yang memegang laptop ini, disknya atau salinan berkas studi dapat membaca setiap jawaban serta nama dan nomor telepon setiap informan.</translation>
    </message>
    <message>
        <source>Too weak: use at least 12 characters with three or more words, or mix lower case, upper case, digits and signs.</source>
        <translation>Terlalu lemah: gunakan paling sedikit 12 karakter dengan tiga kata atau lebih, atau campurkan huruf kecil, huruf besar, angka dan tanda.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Kedua frasa sandi berbeda.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview — {name}</source>
        <translation>Pratinjau — {name}</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} halaman</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <source>Interface language</source>
        <translation>Bahasa antarmuka</translation>
    </message>
    <message>
        <source>e.g. Rina Kartika</source>
        <translation>mis. Rina Kartika</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Nama Anda</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Inisial</translation>
    </message>
    <message>
        <source>Initials go into informant codes (INF-RK01), so codes made on different laptops never clash.</source>
        <translation>Inisial dipakai dalam kode informan (INF-RK01), sehingga kode yang dibuat di laptop berbeda tidak pernah bentrok.</translation>
    </message>
    <message>
        <source>e.g. Laptop tim Ciamis 2</source>
        <translation>mis. Laptop tim Ciamis 2</translation>
    </message>
    <message>
        <source>Name of this laptop</source>
        <translation>Nama laptop ini</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>Required</source>
        <translation>Wajib</translation>
    </message>
    <message>
        <source>Specify the other answer…</source>
        <translation>Sebutkan jawaban lainnya…</translation>
    </message>
    <message>
        <source>Field note</source>
        <translation>Catatan lapangan</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>Link to incident…</source>
        <translation>Tautkan ke peristiwa…</translation>
    </message>
    <message>
        <source>Supervisor: %1</source>
        <translation>Penyelia: %1</translation>
    </message>
    <message>
        <source>Field note (yours, not the informant&apos;s)</source>
        <translation>Catatan lapangan (milik Anda, bukan jawaban informan)</translation>
    </message>
    <message>
        <source>Your own field note on this answer (tone, hesitation, context)…</source>
        <translation>Catatan lapangan Anda tentang jawaban ini (nada, keraguan, konteks)…</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <source>Play / pause (Esc)</source>
        <translation>Putar / jeda (Esc)</translation>
    </message>
    <message>
        <source>Back 5 s</source>
        <translation>Mundur 5 dtk</translation>
    </message>
    <message>
        <source>Back 5 seconds (F1)</source>
        <translation>Mundur 5 detik (F1)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Kecepatan putar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Unfinished sessions</source>
        <translation>Sesi yang belum selesai</translation>
    </message>
    <message>
        <source>These sessions were not completed. Resume one where it stopped?</source>
        <translation>Sesi-sesi ini belum selesai. Lanjutkan salah satunya dari tempat terakhir?</translation>
    </message>
    <message>
        <source>%1 answers</source>
        <translation>%1 jawaban</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nanti saja</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return session</source>
        <translation>Kembalikan sesi</translation>
    </message>
    <message>
        <source>Return session to its researcher</source>
        <translation>Kembalikan sesi ke penelitinya</translation>
    </message>
    <message>
        <source>What to fix in the session</source>
        <translation>Yang perlu diperbaiki dalam sesi</translation>
    </message>
    <message>
        <source>Comments on single questions</source>
        <translation>Komentar pada pertanyaan tertentu</translation>
    </message>
    <message>
        <source>Comment on this question</source>
        <translation>Komentari pertanyaan ini</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Komentar</translation>
    </message>
    <message>
        <source>Remove comment</source>
        <translation>Hapus komentar</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Say what to fix: a comment on the session or on a question.</source>
        <translation>Sebutkan yang perlu diperbaiki: komentar pada sesi atau pada pertanyaan.</translation>
    </message>
</context>
<context>
    <name>RevisionTableModel</name>
    <message>
        <source>Saved</source>
        <translation>Disimpan</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Jawaban</translation>
    </message>
    <message>
        <source>Field note</source>
        <translation>Catatan lapangan</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Peneliti</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(tidak diketahui)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(kosong)</translation>
    </message>
</context>
<context>
    <name>RunnerHeader</name>
    <message>
        <source>Time since the session started</source>
        <translation>Waktu sejak sesi dimulai</translation>
    </message>
    <message>
        <source>Language of the questions (the interface keeps its own)</source>
        <translation>Bahasa pertanyaan (antarmuka tetap memakai bahasanya sendiri)</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl+-)</source>
        <translation>Teks lebih kecil (Ctrl+-)</translation>
    </message>
    <message>
        <source>Larger text (Ctrl++)</source>
        <translation>Teks lebih besar (Ctrl++)</translation>
    </message>
    <message>
        <source>Elapsed %1</source>
        <translation>Durasi %1</translation>
    </message>
</context>
<context>
    <name>RunnerView</name>
    <message>
        <source>Returned by the supervisor: %1</source>
        <translation>Dikembalikan oleh penyelia: %1</translation>
    </message>
    <message>
        <source>Another researcher ran this session: it is shown read-only.</source>
        <translation>Sesi ini dijalankan peneliti lain: ditampilkan hanya-baca.</translation>
    </message>
    <message>
        <source>‹ Previous section</source>
        <translation>‹ Bagian sebelumnya</translation>
    </message>
    <message>
        <source>Next section ›</source>
        <translation>Bagian berikutnya ›</translation>
    </message>
    <message>
        <source>Back to study</source>
        <translation>Kembali ke studi</translation>
    </message>
    <message>
        <source>Complete session</source>
        <translation>Selesaikan sesi</translation>
    </message>
    <message>
        <source>Reopen for editing</source>
        <translation>Buka kembali untuk diedit</translation>
    </message>
    <message>
        <source>Edit on this laptop…</source>
        <translation>Sunting di laptop ini…</translation>
    </message>
    <message>
        <source>Another researcher ran this session; it opens read-only.</source>
        <translation>Sesi ini dijalankan peneliti lain; sesi dibuka hanya-baca.</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>Hapus entri</translation>
    </message>
    <message>
        <source>Remove this entry? Its answers are kept in the history but no longer count.</source>
        <translation>Hapus entri ini? Jawabannya tetap ada dalam riwayat tetapi tidak lagi dihitung.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation>%1 dari %2 dijawab</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Tersimpan %1</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Belum tersimpan</translation>
    </message>
    <message>
        <source>Some answers are not saved yet; the session cannot be completed now.</source>
        <translation>Beberapa jawaban belum tersimpan; sesi belum dapat diselesaikan sekarang.</translation>
    </message>
    <message>
        <source>Session completed</source>
        <translation>Sesi selesai</translation>
    </message>
    <message>
        <source>Session reopened for editing</source>
        <translation>Sesi dibuka kembali untuk diedit</translation>
    </message>
    <message>
        <source>Answers not saved</source>
        <translation>Jawaban belum tersimpan</translation>
    </message>
    <message>
        <source>%1 answer(s) could not be saved yet. If you leave now they are lost. Leave anyway?</source>
        <translation>%1 jawaban belum dapat disimpan. Bila keluar sekarang, jawaban itu hilang. Tetap keluar?</translation>
    </message>
    <message>
        <source>Leave and lose them</source>
        <translation>Keluar tanpa menyimpan</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Tetap di sini</translation>
    </message>
    <message>
        <source>The informant declines</source>
        <translation>Informan tidak bersedia</translation>
    </message>
    <message>
        <source>Record that the informant does not (or no longer) consent? The interview ends now. Answers given so far stay in the study&apos;s history but are no longer used.</source>
        <translation>Catat bahwa informan tidak (lagi) bersedia? Wawancara berakhir sekarang. Jawaban yang sudah diberikan tetap tersimpan dalam riwayat studi, tetapi tidak dipakai lagi.</translation>
    </message>
    <message>
        <source>Record the refusal</source>
        <translation>Catat penolakan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Consent withdrawn; the interview has ended.</source>
        <translation>Persetujuan ditarik; wawancara berakhir.</translation>
    </message>
    <message>
        <source>Refusal recorded; the interview has ended.</source>
        <translation>Penolakan dicatat; wawancara berakhir.</translation>
    </message>
    <message>
        <source>Edit this session</source>
        <translation>Sunting sesi ini</translation>
    </message>
    <message>
        <source>Another researcher ran this session. Edit it on this laptop? Your changes are recorded under your name and reach the researcher with the next package.</source>
        <translation>Sesi ini dijalankan peneliti lain. Sunting di laptop ini? Perubahan Anda dicatat atas nama Anda dan sampai ke peneliti itu melalui paket berikutnya.</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sunting</translation>
    </message>
    <message>
        <source>Only look</source>
        <translation>Hanya lihat</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Pertanyaan berikutnya</translation>
    </message>
    <message>
        <source>Next section</source>
        <translation>Bagian berikutnya</translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation>Bagian sebelumnya</translation>
    </message>
    <message>
        <source>Find a question…</source>
        <translation>Cari pertanyaan…</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Teks lebih besar</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Teks lebih kecil</translation>
    </message>
</context>
<context>
    <name>SafetyActions</name>
    <message>
        <source>Back up to…</source>
        <translation>Cadangkan ke…</translation>
    </message>
    <message>
        <source>Back up the study to…</source>
        <translation>Cadangkan studi ke…</translation>
    </message>
    <message>
        <source>Backup written and checked: %1 (%2 sessions, %3 answers).</source>
        <translation>Cadangan ditulis dan diperiksa: %1 (%2 sesi, %3 jawaban).</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Cadangan</translation>
    </message>
    <message>
        <source>Backing up the study…</source>
        <translation>Mencadangkan studi…</translation>
    </message>
    <message>
        <source>Today&apos;s work is only on this laptop</source>
        <translation>Pekerjaan hari ini hanya ada di laptop ini</translation>
    </message>
    <message>
        <source>%1 answer(s) saved today are in no field package and no backup yet. If this laptop is lost or broken, they are lost. Make a field package or a backup now?</source>
        <translation>%1 jawaban yang disimpan hari ini belum ada dalam paket lapangan maupun cadangan. Bila laptop ini hilang atau rusak, jawaban itu ikut hilang. Buat paket lapangan atau cadangan sekarang?</translation>
    </message>
    <message>
        <source>Field package…</source>
        <translation>Paket lapangan…</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>Cadangkan…</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>Tetap tutup</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Tetap di sini</translation>
    </message>
</context>
<context>
    <name>SaveBanner</name>
    <message>
        <source>Retry now</source>
        <translation>Coba lagi sekarang</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>disk penuh</translation>
    </message>
    <message>
        <source>the study file cannot be written (read-only)</source>
        <translation>berkas studi tidak dapat ditulis (hanya-baca)</translation>
    </message>
    <message>
        <source>the study file is missing (was the drive removed?)</source>
        <translation>berkas studi tidak ditemukan (apakah drive dicabut?)</translation>
    </message>
    <message>
        <source>another program is using the study file</source>
        <translation>program lain sedang memakai berkas studi</translation>
    </message>
    <message>
        <source>the study file cannot be written</source>
        <translation>berkas studi tidak dapat ditulis</translation>
    </message>
    <message>
        <source>Not saved: %1. %2 answer(s) are kept in the form and saving is retried every few seconds; you can go on working.</source>
        <translation>Belum tersimpan: %1. %2 jawaban tetap ada di formulir dan penyimpanan dicoba lagi setiap beberapa detik; Anda dapat terus bekerja.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Find in answers</source>
        <translation>Cari dalam jawaban</translation>
    </message>
    <message>
        <source>Words to find in answers and field notes…</source>
        <translation>Kata yang dicari dalam jawaban dan catatan lapangan…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Everything coded with</source>
        <translation>Semua yang dikodekan dengan</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tampilkan</translation>
    </message>
    <message>
        <source>Code in its session…</source>
        <translation>Kodekan di sesinya…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Mencari…</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>%1 ditemukan</translation>
    </message>
    <message>
        <source>field note</source>
        <translation>catatan lapangan</translation>
    </message>
    <message>
        <source>Informant</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <source>Found text</source>
        <translation>Teks yang ditemukan</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>Sikap</translation>
    </message>
    <message>
        <source>Coded passage</source>
        <translation>Kutipan yang dikodekan</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <source>No entries yet.</source>
        <translation>Belum ada entri.</translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>Entri %1</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>Hapus entri</translation>
    </message>
    <message>
        <source>+ Add entry</source>
        <translation>+ Tambah entri</translation>
    </message>
</context>
<context>
    <name>SessionFilterBar</name>
    <message>
        <source>Search informant, site, form…</source>
        <translation>Cari informan, lokasi, formulir…</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Semua lokasi</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Semua sumber</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>All researchers</source>
        <translation>Semua peneliti</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>to</source>
        <translation>s.d.</translation>
    </message>
    <message>
        <source>any</source>
        <translation>semua</translation>
    </message>
</context>
<context>
    <name>SessionTable</name>
    <message>
        <source>Started</source>
        <translation>Dimulai</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumen</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>Informant</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Peneliti</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Jawaban</translation>
    </message>
</context>
<context>
    <name>SessionsPanel</name>
    <message>
        <source>Drafts to finish</source>
        <translation>Draf belum selesai</translation>
    </message>
    <message>
        <source>New session…</source>
        <translation>Sesi baru…</translation>
    </message>
    <message>
        <source>%1 of %2 sessions shown</source>
        <translation>%1 dari %2 sesi ditampilkan</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>This laptop and its researcher</source>
        <translation>Laptop ini dan penelitinya</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Wawancara</translation>
    </message>
    <message>
        <source>%1 pt</source>
        <translation>%1 pt</translation>
    </message>
    <message>
        <source>Text size of questions</source>
        <translation>Ukuran teks pertanyaan</translation>
    </message>
    <message>
        <source>Set on the supervisor&apos;s laptop</source>
        <translation>Diatur di laptop penyelia</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Perlindungan</translation>
    </message>
    <message>
        <source> min</source>
        <translation> menit</translation>
    </message>
    <message>
        <source>never</source>
        <translation>tidak pernah</translation>
    </message>
    <message>
        <source>Lock an encrypted study after no use for</source>
        <translation>Kunci studi terenkripsi setelah tidak dipakai selama</translation>
    </message>
    <message>
        <source>This study</source>
        <translation>Studi ini</translation>
    </message>
    <message>
        <source>WIB (UTC+7): Sumatra, Java, West and Central Kalimantan</source>
        <translation>WIB (UTC+7): Sumatra, Jawa, Kalimantan Barat dan Tengah</translation>
    </message>
    <message>
        <source>WITA (UTC+8): Bali, Nusa Tenggara, Sulawesi, ...</source>
        <translation>WITA (UTC+8): Bali, Nusa Tenggara, Sulawesi, …</translation>
    </message>
    <message>
        <source>WIT (UTC+9): Maluku, Papua</source>
        <translation>WIT (UTC+9): Maluku, Papua</translation>
    </message>
    <message>
        <source>Time zone of the study</source>
        <translation>Zona waktu studi</translation>
    </message>
</context>
<context>
    <name>SingleChoiceInput</name>
    <message>
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
    <message>
        <source>Remove the answer</source>
        <translation>Hapus jawaban</translation>
    </message>
    <message>
        <source>Undo clear</source>
        <translation>Urungkan pengosongan</translation>
    </message>
    <message>
        <source>Bring back the answer just removed</source>
        <translation>Kembalikan jawaban yang baru dikosongkan</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>New site</source>
        <translation>Lokasi baru</translation>
    </message>
    <message>
        <source>e.g. Kantor Kecamatan Cibeureum</source>
        <translation>mis. Kantor Kecamatan Cibeureum</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Sub-district office (kecamatan)</source>
        <translation>Kantor kecamatan</translation>
    </message>
    <message>
        <source>Urban village (kelurahan)</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Village (desa)</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>e.g. Kota Tasikmalaya, Jawa Barat</source>
        <translation>mis. Kota Tasikmalaya, Jawa Barat</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Where?</source>
        <translation>Di mana?</translation>
    </message>
    <message>
        <source>The office or village the session is about.</source>
        <translation>Kantor atau desa yang menjadi lokasi sesi ini.</translation>
    </message>
    <message>
        <source>New site…</source>
        <translation>Lokasi baru…</translation>
    </message>
</context>
<context>
    <name>SiteTableModel</name>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Informants</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesi</translation>
    </message>
</context>
<context>
    <name>SitesPanel</name>
    <message>
        <source>New site…</source>
        <translation>Lokasi baru…</translation>
    </message>
</context>
<context>
    <name>StudyNavigator</name>
    <message>
        <source>Field sessions</source>
        <translation>Sesi lapangan</translation>
    </message>
    <message>
        <source>Informants</source>
        <translation>Informan</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Lokasi</translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>Correct source tags</source>
        <translation>Perbaiki tag sumber</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <source>Why the tags were wrong</source>
        <translation>Mengapa tagnya salah</translation>
    </message>
    <message>
        <source>Kind of source</source>
        <translation>Jenis sumber</translation>
    </message>
    <message>
        <source>Informant role</source>
        <translation>Peran informan</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Dimulai</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
</context>
<context>
    <name>ThemeDialog</name>
    <message>
        <source>Rename theme</source>
        <translation>Ganti nama tema</translation>
    </message>
    <message>
        <source>New theme</source>
        <translation>Tema baru</translation>
    </message>
    <message>
        <source>e.g. whatsapp_groups</source>
        <translation>mis. grup_whatsapp</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>(tingkat teratas)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Label (Indonesian)</source>
        <translation>Label (Indonesia)</translation>
    </message>
    <message>
        <source>Label (English)</source>
        <translation>Label (Inggris)</translation>
    </message>
    <message>
        <source>Under</source>
        <translation>Di bawah</translation>
    </message>
    <message>
        <source>The code is how instruments refer to the theme; it cannot change later.</source>
        <translation>Kode adalah cara instrumen merujuk tema; kode tidak dapat diubah kemudian.</translation>
    </message>
    <message>
        <source>The code stays; instruments refer to the theme by it.</source>
        <translation>Kode tetap; instrumen merujuk tema dengan kode itu.</translation>
    </message>
</context>
<context>
    <name>TimeInput</name>
    <message>
        <source>HH:MM</source>
        <translation>JJ:MM</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sekarang</translation>
    </message>
</context>
<context>
    <name>TranscriptWindow</name>
    <message>
        <source>Transcript and recording</source>
        <translation>Transkrip dan rekaman</translation>
    </message>
    <message>
        <source>Attach recording…</source>
        <translation>Lampirkan rekaman…</translation>
    </message>
    <message>
        <source>P: question…
I: answer…   (Ctrl+J inserts the recording&apos;s time)</source>
        <translation>P: pertanyaan…
I: jawaban…   (Ctrl+J menyisipkan waktu rekaman)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Belum disimpan</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Impor berkas…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>The informant did not agree to be recorded (item A2): no recording.</source>
        <translation>Informan tidak bersedia direkam (butir A2): tidak ada rekaman.</translation>
    </message>
    <message>
        <source>No recording attached.</source>
        <translation>Belum ada rekaman yang dilampirkan.</translation>
    </message>
    <message>
        <source>Recording {name} is stored; playing it needs QtMultimedia, which this installation lacks (reinstall the app to get the PySide6-Addons package).</source>
        <translation>Rekaman {name} tersimpan; untuk memutarnya perlu QtMultimedia, yang tidak ada pada instalasi ini (pasang ulang aplikasi agar paket PySide6-Addons ikut terpasang).</translation>
    </message>
    <message>
        <source>Recording {name} is stored; this laptop has no sound output to play it on. Connect speakers or headphones, then open the transcript again.</source>
        <translation>Rekaman {name} tersimpan; laptop ini tidak punya keluaran suara untuk memutarnya. Sambungkan pengeras suara atau headphone, lalu buka transkrip lagi.</translation>
    </message>
    <message>
        <source>Attach recording</source>
        <translation>Lampirkan rekaman</translation>
    </message>
    <message>
        <source>Audio (*.wav *.mp3 *.m4a *.ogg)</source>
        <translation>Audio (*.wav *.mp3 *.m4a *.ogg)</translation>
    </message>
    <message>
        <source>Saved: {n} turns</source>
        <translation>Tersimpan: {n} giliran bicara</translation>
    </message>
    <message>
        <source>Import transcript</source>
        <translation>Impor transkrip</translation>
    </message>
    <message>
        <source>Transcripts (*.txt *.docx *.odt)</source>
        <translation>Transkrip (*.txt *.docx *.odt)</translation>
    </message>
</context>
<context>
    <name>Triangulation</name>
    <message>
        <source>Triangulasi teknik: interview, observation, documentation</source>
        <translation>Triangulasi teknik: wawancara, observasi, dokumentasi</translation>
    </message>
    <message>
        <source>Triangulasi sumber: informant roles, then observation and documentation</source>
        <translation>Triangulasi sumber: peran informan, lalu observasi dan dokumentasi</translation>
    </message>
    <message>
        <source>Triangulasi waktu: the study&apos;s fieldwork periods</source>
        <translation>Triangulasi waktu: periode kerja lapangan penelitian</translation>
    </message>
    <message>
        <source>Sites × themes: each site&apos;s incidents (cross-case display)</source>
        <translation>Lokasi × tema: peristiwa di setiap lokasi (tampilan lintas kasus)</translation>
    </message>
</context>
<context>
    <name>TriangulationPanel</name>
    <message>
        <source>Triangulation matrix</source>
        <translation>Matriks triangulasi</translation>
    </message>
    <message>
        <source>Pick a cell to see its incidents.</source>
        <translation>Pilih sel untuk melihat peristiwanya.</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Peristiwa</translation>
    </message>
    <message>
        <source>Context: answers (not evidence)</source>
        <translation>Konteks: jawaban (bukan bukti)</translation>
    </message>
    <message>
        <source>Triangulation by technique, by source or by time; or sites × themes</source>
        <translation>Triangulasi menurut teknik, sumber atau waktu; atau lokasi × tema</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Semua lokasi</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>Semua periode</translation>
    </message>
    <message>
        <source>All researchers</source>
        <translation>Semua peneliti</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Parent themes include their sub-themes</source>
        <translation>Tema induk mencakup subtemanya</translation>
    </message>
    <message>
        <source>Counting the incidents…</source>
        <translation>Menghitung peristiwa…</translation>
    </message>
    <message>
        <source>Each cell: incidents whose lines of evidence fall in it, by corroboration (corroborated · single line · contradicted · unattested), and the lines in brackets. An incident is corroborated by at least %1 independent supporting lines (observed, document, self-report, witness; different informants or techniques); hearsay never corroborates and denials do not cancel. A theme&apos;s conclusion is that of its best-attested incident; bold cells hold the lines that decided it. Answers are context only.</source>
        <translation>Setiap sel: peristiwa yang jalur buktinya ada di sel itu, menurut penguatannya (terkuatkan · satu jalur · dibantah · tidak terbukti), dan jumlah jalur dalam kurung. Peristiwa terkuatkan bila didukung sedikitnya %1 jalur bukti mandiri (pengamatan, dokumen, pengakuan pelaku, kesaksian; informan atau teknik berbeda); kabar dari orang lain tidak pernah menguatkan dan bantahan tidak membatalkan. Simpulan suatu tema adalah penguatan peristiwanya yang paling kuat; sel bercetak tebal memuat jalur penentunya. Jawaban hanya konteks.</translation>
    </message>
    <message>
        <source>Pick a cell to see its evidence.</source>
        <translation>Pilih sel untuk melihat buktinya.</translation>
    </message>
    <message>
        <source>Incidents: %1</source>
        <translation>Peristiwa: %1</translation>
    </message>
    <message>
        <source>%1 themes</source>
        <translation>%1 tema</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Study locked</source>
        <translation>Studi terkunci</translation>
    </message>
    <message>
        <source>Encrypted study</source>
        <translation>Studi terenkripsi</translation>
    </message>
    <message>
        <source>The study was locked after a while without use. Type its passphrase to go on.</source>
        <translation>Studi dikunci karena lama tidak dipakai. Ketik frasa sandinya untuk melanjutkan.</translation>
    </message>
    <message>
        <source>This study is encrypted. Type its passphrase to open it.</source>
        <translation>Studi ini terenkripsi. Ketik frasa sandinya untuk membukanya.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Buka kunci</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Wrong passphrase.</source>
        <translation>Frasa sandi salah.</translation>
    </message>
</context>
<context>
    <name>XlsformActions</name>
    <message>
        <source>Import XLSForm…</source>
        <translation>Impor XLSForm…</translation>
    </message>
    <message>
        <source>Export as XLSForm…</source>
        <translation>Ekspor sebagai XLSForm…</translation>
    </message>
    <message>
        <source>Import XLSForm</source>
        <translation>Impor XLSForm</translation>
    </message>
    <message>
        <source>XLSForm workbooks (*.xlsx)</source>
        <translation>Buku kerja XLSForm (*.xlsx)</translation>
    </message>
    <message>
        <source>This form uses things the app cannot represent. Convert them and import?</source>
        <translation>Formulir ini memakai hal yang tidak dapat ditampung aplikasi. Ubah lalu impor?</translation>
    </message>
    <message>
        <source>%1 was not imported:</source>
        <translation>%1 tidak diimpor:</translation>
    </message>
    <message>
        <source>Imported %1 (%2, version %3): %4 questions.</source>
        <translation>%1 (%2, versi %3) diimpor: %4 pertanyaan.</translation>
    </message>
    <message>
        <source>%1 (%2, version %3) is already in the study: %4 questions.</source>
        <translation>%1 (%2, versi %3) sudah ada dalam studi: %4 pertanyaan.</translation>
    </message>
    <message>
        <source>Export as XLSForm</source>
        <translation>Ekspor sebagai XLSForm</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Formulir:</translation>
    </message>
</context>
</TS>
