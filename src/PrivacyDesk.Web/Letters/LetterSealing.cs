using System.Globalization;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Letters;

/// <summary>
/// Issued letters hold disclosed personal data, so their PDFs are sealed like identity documents: AES-256-GCM under the
/// documents' master key, in a self-describing envelope of <see cref="MasterKeySealer"/> kept in the existing
/// <see cref="IssuedLetter.Pdf"/> column (purpose "issued-letter", associated data = the letter id). They are opened
/// only to be downloaded by staff or the member. <see cref="IssuedLetter.Sha256"/> stays the hash of the plain PDF, the
/// one a printed or downloaded copy is checked against.
/// </summary>
public sealed class LetterSealing(MasterKeySealer sealer)
{
    internal const string Purpose = "issued-letter";

    public byte[] Seal(Guid letterId, byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        return sealer.Seal(pdf, Purpose, Context(letterId));
    }

    /// <summary>
    /// The plain PDF of a letter. A letter issued before sealing (plain until the start-up pass seals it) is returned as
    /// stored. Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the master key is missing
    /// or the stored bytes were altered or moved from another letter.
    /// </summary>
    public byte[] Open(IssuedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return MasterKeySealer.IsSealed(letter.Pdf) ? sealer.Open(letter.Pdf, Purpose, Context(letter.Id)) : letter.Pdf;
    }

    /// <summary>Seals a letter's legacy plain PDF in place. True when it changed.</summary>
    public bool SealInPlace(IssuedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (letter.Pdf.Length == 0 || MasterKeySealer.IsSealed(letter.Pdf))
        {
            return false;
        }

        letter.Pdf = Seal(letter.Id, letter.Pdf);
        return true;
    }

    private static string Context(Guid letterId) => letterId.ToString("D", CultureInfo.InvariantCulture);
}
