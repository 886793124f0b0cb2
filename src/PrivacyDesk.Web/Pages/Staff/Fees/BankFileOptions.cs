using PrivacyDesk.Domain.Fees.BankFiles;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>
/// How the co-op's bank writes its files (section "Fees:BankFiles"). Zengin files need only the era of their dates; a
/// CSV statement needs its columns named (by header text, or by 1-based position when the file has no header).
/// </summary>
public sealed class BankFileOptions
{
    public const string Section = "Fees:BankFiles";

    /// <summary>Whether the bank writes Zengin dates (YYMMDD) in 西暦 or in 和暦 (令和).</summary>
    public ZenginDateEra ZenginDates { get; set; } = ZenginDateEra.Western;

    /// <summary>The largest file accepted, in bytes (a bank's daily file is a few kilobytes).</summary>
    public int MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    public CsvStatementOptions Csv { get; set; } = new();
}

/// <summary>The column mapping of a CSV statement. The defaults fit a common Japanese internet-banking export.</summary>
public sealed class CsvStatementOptions
{
    /// <summary>"auto" (UTF-8 when the file is valid UTF-8, Shift_JIS otherwise), "utf-8" or "shift_jis".</summary>
    public string Encoding { get; set; } = "auto";

    public bool HasHeader { get; set; } = true;

    /// <summary>The separator; empty to detect it (comma, semicolon, tab or bar).</summary>
    public string Separator { get; set; } = ",";

    /// <summary>The column of the date the money arrived (header text, or a 1-based number).</summary>
    public string DateColumn { get; set; } = "日付";

    /// <summary>The column of the amount received (お預り金額); rows where it is empty are debits and are skipped.</summary>
    public string AmountColumn { get; set; } = "お預り金額";

    /// <summary>The column with the payer as the bank shows it (摘要, お取引内容, 振込依頼人名).</summary>
    public string PayerColumn { get; set; } = "摘要";

    /// <summary>
    /// The bank's own number for the entry (照会番号, 取引番号), if the statement has one. Without it a credit's bank
    /// identity is its date, amount, payer and how many identical entries come before it that day.
    /// </summary>
    public string? SequenceColumn { get; set; }

    /// <summary>Accepted date formats, tried in order.</summary>
    public string[] DateFormats { get; set; } = ["yyyy/MM/dd", "yyyy/M/d", "yyyy-MM-dd", "yyyyMMdd", "yyyy.MM.dd"];

    /// <summary>The account the statement is for, part of each credit's bank identity (e.g. 0005-123-1-1234567).</summary>
    public string Account { get; set; } = "csv";
}
