using System.Globalization;

namespace PrivacyDesk.Domain.Fees.BankFiles;

/// <summary>Where a statement came from: the Zengin format (by its 種別コード) or a bank's CSV export.</summary>
public enum BankFileFormat
{
    /// <summary>振込入金通知 (種別コード 01).</summary>
    ZenginTransferNotice = 1,

    /// <summary>入出金取引明細 (種別コード 03).</summary>
    ZenginAccountStatement = 3,

    /// <summary>A CSV statement whose columns are mapped in configuration.</summary>
    Csv = 10,
}

/// <summary>
/// One credit to the co-op's account, as the bank reported it. <see cref="IdentityKey"/> is the credit's bank identity
/// (account, date, 照会番号, amount): the same credit read from the same file twice, or from two statements that
/// overlap, has the same key, and the store's unique index on it keeps the credit from being counted twice.
/// </summary>
public sealed record BankCredit(
    string AccountKey,
    DateOnly BookedOn,
    string Sequence,
    long AmountYen,
    string PayerName,
    int RecordNumber)
{
    public string IdentityKey => string.Create(CultureInfo.InvariantCulture,
        $"{AccountKey}|{BookedOn:yyyy-MM-dd}|{Sequence}|{AmountYen}");
}

/// <summary>What a bank file held: its format, its credits in file order, and how many other records were skipped.</summary>
public sealed record BankStatement(BankFileFormat Format, IReadOnlyList<BankCredit> Credits, int SkippedRecords);

/// <summary>
/// A bank file that cannot be imported. The whole file is refused: <see cref="RecordNumber"/> and
/// <see cref="BytePosition"/> (both 1-based; the byte counts from the start of the file) locate the first fault, or are
/// null when the fault is the file as a whole.
/// </summary>
public sealed class BankFileException : Exception
{
    public BankFileException(string code, string japanese, string english, int? recordNumber = null, long? bytePosition = null)
        : base(english)
    {
        Code = code;
        Japanese = Locate(japanese, recordNumber, bytePosition, japaneseText: true);
        English = Locate(english, recordNumber, bytePosition, japaneseText: false);
        RecordNumber = recordNumber;
        BytePosition = bytePosition;
    }

    /// <summary>A stable code for tests and the audit trail, e.g. <c>zengin.trailerTotal</c>.</summary>
    public string Code { get; }

    public string Japanese { get; }
    public string English { get; }
    public int? RecordNumber { get; }
    public long? BytePosition { get; }

    public override string Message => English;

    /// <summary>The message in the language the caller shows: English for "en", Japanese otherwise.</summary>
    public string MessageFor(string twoLetterLanguage) =>
        string.Equals(twoLetterLanguage, "en", StringComparison.OrdinalIgnoreCase) ? English : Japanese;

    private static string Locate(string text, int? record, long? position, bool japaneseText)
    {
        if (record is null)
        {
            return text;
        }

        return japaneseText
            ? string.Create(CultureInfo.InvariantCulture, $"{record}件目のレコード（ファイルの{position}バイト目）: {text}")
            : string.Create(CultureInfo.InvariantCulture, $"Record {record} (byte {position} of the file): {text}");
    }
}
