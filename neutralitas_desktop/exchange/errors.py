"""Why a field package cannot be used: one exception class per reason, each message naming
the file and what is wrong with it."""

from __future__ import annotations

from neutralitas_desktop.errors import NeutralitasError


class PackageError(NeutralitasError):
    """A field package cannot be written, read or merged."""


class NotAPackageError(PackageError):
    """The file is something else (a study database, a document, …)."""


class TruncatedPackageError(PackageError):
    """The file ends before the package does (an interrupted copy or download)."""


class CorruptedPackageError(PackageError):
    """The file's bytes were damaged (its own checksum fails)."""


class TamperedPackageError(PackageError):
    """The file is intact but its content is not what its manifest vouches for."""


class WrongPassphraseError(PackageError):
    """The package is encrypted with another passphrase."""


class PassphraseRequiredError(PackageError):
    """The package is encrypted and no passphrase was given."""


class ForeignStudyError(PackageError):
    """The package belongs to another study."""


class NewerPackageError(PackageError):
    """A newer version of the app wrote the package (newer schema or package format)."""


class PackageLimitError(PackageError):
    """The package asks for more memory or work than any package this app writes would."""


class UnsignedPackageError(PackageError):
    """The package carries no device signature (an old app, or someone else, wrote it)."""


class UntrustedDeviceError(PackageError):
    """The package is signed by a device key the study does not know (or not by the key the
    study knows for that device)."""


class AuthorshipError(PackageError):
    """The package carries rows its device may not write."""
