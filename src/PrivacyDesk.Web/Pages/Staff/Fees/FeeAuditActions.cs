using PrivacyDesk.Domain;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>
/// The audit action codes of fee reconciliation, in one place. Details hold identifiers, amounts and codes only: the
/// payer name (personal data) stays on the credit row, never in an event or a log line.
/// </summary>
public static class FeeAuditActions
{
    /// <summary>A bank file was imported (no request): format, SHA-256, counts.</summary>
    public const string BankFileImported = "fee.bank_file_imported";

    /// <summary>An imported credit paid a request's fee (one event per request paid), with its basis (reference, name).</summary>
    public const string CreditMatched = "fee.credit_matched";

    /// <summary>An imported credit matched nothing and is left for staff, with the reason.</summary>
    public const string CreditUnmatched = "fee.credit_unmatched";

    /// <summary>Staff matched a credit to a request by hand, with a reason (one event per request paid).</summary>
    public const string CreditMatchedByHand = "fee.credit_matched_by_hand";

    /// <summary>Staff opened a page that shows payer names (the import result, the fee overview).</summary>
    public const string CreditsViewed = "fee.credits_viewed";

    public static readonly IReadOnlyDictionary<string, Label> Labels = new Dictionary<string, Label>
    {
        [BankFileImported] = new("銀行ファイルを取込", "Bank file imported"),
        [CreditMatched] = new("入金を照合（自動）", "Credit matched"),
        [CreditUnmatched] = new("入金を未照合として記録", "Credit left unmatched"),
        [CreditMatchedByHand] = new("入金を手作業で照合", "Credit matched by hand"),
        [CreditsViewed] = new("入金の一覧を閲覧", "Credits viewed"),
    };
}
