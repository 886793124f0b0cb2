namespace PrivacyDesk.Domain.Fees.BankFiles;

public enum CreditState
{
    /// <summary>Paid one or more requests' fees exactly.</summary>
    Matched = 1,

    /// <summary>Paid its requests and more: the excess is on the first request's payment, to refund.</summary>
    Overpaid = 2,

    /// <summary>Not matched to any request: for staff to match by hand (or refund).</summary>
    Unmatched = 3,
}

/// <summary>
/// A credit imported from a bank file, kept whether or not it matched: the ledger of what the bank says arrived. Its
/// <see cref="IdentityKey"/> is unique in the store, so a credit is imported once however many files repeat it.
/// </summary>
public sealed class ImportedCredit
{
    private ImportedCredit()
    {
    }

    public ImportedCredit(CreditMatch match, BankFileFormat format, Guid importId, string importedBy, DateTimeOffset importedAt)
    {
        ArgumentNullException.ThrowIfNull(match);
        Id = Guid.CreateVersion7();
        IdentityKey = match.Credit.IdentityKey;
        Format = format;
        ImportId = importId;
        AccountKey = match.Credit.AccountKey;
        BookedOn = match.Credit.BookedOn;
        Sequence = match.Credit.Sequence;
        AmountYen = match.Credit.AmountYen;
        PayerName = match.Credit.PayerName;
        ImportedBy = importedBy;
        ImportedAt = importedAt;
        if (match.IsMatched)
        {
            SetMatched(match.Basis!.Value, match.OverpaidYen, importedBy, importedAt);
        }
        else
        {
            State = CreditState.Unmatched;
            Reason = match.Reason;
        }
    }

    public Guid Id { get; private set; }
    public string IdentityKey { get; private set; } = string.Empty;
    public BankFileFormat Format { get; private set; }
    public Guid ImportId { get; private set; }
    public string AccountKey { get; private set; } = string.Empty;
    public DateOnly BookedOn { get; private set; }
    public string Sequence { get; private set; } = string.Empty;
    public long AmountYen { get; private set; }

    /// <summary>振込依頼人名 as the bank wrote it: personal data, shown to staff only and never logged.</summary>
    public string PayerName { get; private set; } = string.Empty;

    public CreditState State { get; private set; }
    public MatchBasis? Basis { get; private set; }
    public UnmatchedReason? Reason { get; private set; }
    public long OverpaidYen { get; private set; }

    /// <summary>Why staff matched it by hand.</summary>
    public string? ManualReason { get; private set; }

    public string ImportedBy { get; private set; } = string.Empty;
    public DateTimeOffset ImportedAt { get; private set; }
    public string? MatchedBy { get; private set; }
    public DateTimeOffset? MatchedAt { get; private set; }

    /// <summary>Staff matched the credit by hand; the caller records the payments the credit makes.</summary>
    public void MatchByHand(string reason, long overpaidYen, string actor, DateTimeOffset at)
    {
        if (State != CreditState.Unmatched)
        {
            throw new DomainRuleException("credit.alreadyMatched", "この入金はすでに照合済みです。", "This credit is already matched.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("credit.reasonRequired", "手作業で照合する理由を入力してください。", "Enter why you match it by hand.");
        }

        ManualReason = Text.JapaneseText.NormalizeFreeText(reason);
        Reason = null;
        SetMatched(MatchBasis.Manual, overpaidYen, actor, at);
    }

    private void SetMatched(MatchBasis basis, long overpaidYen, string actor, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(overpaidYen);
        Basis = basis;
        OverpaidYen = overpaidYen;
        State = overpaidYen > 0 ? CreditState.Overpaid : CreditState.Matched;
        MatchedBy = actor;
        MatchedAt = at;
    }
}
