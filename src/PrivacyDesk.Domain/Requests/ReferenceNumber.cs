using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Requests;

/// <summary>
/// The number printed on letters and quoted on the phone, e.g. PD-2026-000123: the year of receipt and a sequence
/// that the store allocates per year.
/// </summary>
public static partial class ReferenceNumber
{
    public const string Prefix = "PD";

    public static string Format(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year:D4}-{sequence:D6}");
    }

    /// <summary>
    /// PD-2026-000123 → 2026000123: what the member types before their name as the payer on a bank transfer, so that
    /// staff can match the payment (bank transfer names hold only kana, letters and digits, and are short).
    /// </summary>
    public static string TransferDigits(string referenceNumber)
    {
        ArgumentNullException.ThrowIfNull(referenceNumber);
        return new string(referenceNumber.Where(char.IsAsciiDigit).ToArray());
    }

    /// <summary>Accepts what members type: full width, lower case, spaces, dash look-alikes or no dashes.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = JapaneseText.ToHalfWidth(value).Trim().ToUpperInvariant();
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var sequence = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);

        // What a member types is not trusted: a number Format would refuse is simply not a reference number.
        return year >= 2000 && sequence > 0 ? Format(year, sequence) : null;
    }

    [GeneratedRegex(@"^PD[\s\-\u2212\u30FC\u2010-\u2015]*(\d{4})[\s\-\u2212\u30FC\u2010-\u2015]*(\d{6,9})$")]
    private static partial Regex Pattern();
}

/// <summary>
/// The secret in a member's status link. Only its SHA-256 is stored, so a copy of the database cannot be used to read
/// anyone's status; the link itself is shown once on the receipt and sent by email.
/// </summary>
public static class AccessToken
{
    private const int TokenBytes = 24;

    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>
    /// The symbols of a status code: digits and capitals without the look-alikes 0/O, 1/I/L (31 symbols).
    /// </summary>
    public const string StatusCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Symbols in a status code: 20 × log2(31) ≈ 99 bits.</summary>
    public const int StatusCodeLength = 20;

    /// <summary>
    /// A 確認用コード a member can copy by hand: 20 symbols of <see cref="StatusCodeAlphabet"/> in groups of four
    /// (e.g. 7KQ2-MX9D-4HRT-WP3N-C6FB), read case-insensitively and with or without the dashes.
    /// </summary>
    public static string CreateStatusCode()
    {
        var symbols = RandomNumberGenerator.GetString(StatusCodeAlphabet, StatusCodeLength);
        return string.Join('-', symbols.Chunk(4).Select(group => new string(group)));
    }

    /// <summary>
    /// The form of a typed status code that is hashed: NFKC (full-width typing), upper case, without spaces and dashes.
    /// </summary>
    public static string CanonicalStatusCode(string code) =>
        new(code.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant()
            .Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>The stored hash of a status code from <see cref="CreateStatusCode"/> (of its canonical form).</summary>
    public static string HashStatusCode(string code) => Hash(CanonicalStatusCode(code));

    public static string Hash(string token)
    {
        var digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token.Trim()));
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Compares in constant time so that the response time does not reveal how much of a guess was right.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return false;
        }

        // Both readings are always computed and compared: a status code (case-insensitive, dashes optional) and a
        // token of the earlier format (32 case-sensitive characters, hashed as typed), which keeps working.
        var stored = System.Text.Encoding.ASCII.GetBytes(storedHash);
        var asTyped = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Hash(token)), stored);
        var asCode = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(HashStatusCode(token)), stored);
        return asTyped | asCode;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
