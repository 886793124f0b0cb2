using System.Text;
using System.Text.RegularExpressions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Fees.BankFiles;

/// <summary>
/// A request whose fee a credit may pay: what is due, what is already paid, and the フリガナ of who may pay it (the
/// principal, and the agent when there is one).
/// </summary>
public sealed record FeeAccount(Guid RequestId, string ReferenceNumber, string KanaKey, int DueYen, int PaidYen, string? AgentKanaKey = null)
{
    public int BalanceYen => Math.Max(DueYen - PaidYen, 0);
    public string TransferDigits { get; } = Requests.ReferenceNumber.TransferDigits(ReferenceNumber);

    internal bool IsPaidBy(string payerKey) =>
        string.Equals(FeeMatcher.PayerKey(KanaKey), payerKey, StringComparison.Ordinal)
        || (AgentKanaKey is not null && string.Equals(FeeMatcher.PayerKey(AgentKanaKey), payerKey, StringComparison.Ordinal));
}

public enum MatchBasis
{
    /// <summary>The reference digits the member wrote before their name.</summary>
    Reference = 1,

    /// <summary>The normalised kana name and the amount.</summary>
    Name = 2,

    /// <summary>Staff matched it by hand, with a reason.</summary>
    Manual = 3,
}

public enum UnmatchedReason
{
    /// <summary>No reference digits and no unpaid request under the payer's name.</summary>
    NoCandidate = 1,

    /// <summary>Requests were found, but the amount is less than what they owe.</summary>
    AmountShort = 2,

    /// <summary>Several unpaid requests under the name, and the amount does not say which.</summary>
    Ambiguous = 3,

    /// <summary>The referenced requests are already paid (or owe nothing): the money is an overpayment to refund.</summary>
    AlreadyPaid = 4,
}

/// <summary>Part of a credit applied to one request's fee.</summary>
public sealed record FeeAllocation(Guid RequestId, int AmountYen);

/// <summary>
/// What the matcher decided for one credit: either the requests it pays (with any excess shown as
/// <see cref="OverpaidYen"/>, added to the first request's payment so that it shows there as overpaid and can be
/// refunded), or why it is left for staff, with the requests it may belong to.
/// </summary>
public sealed record CreditMatch(
    BankCredit Credit,
    MatchBasis? Basis,
    IReadOnlyList<FeeAllocation> Allocations,
    long OverpaidYen,
    UnmatchedReason? Reason,
    IReadOnlyList<Guid> Candidates)
{
    public bool IsMatched => Basis is not null;
}

/// <summary>
/// Matches bank credits to fees, in file order: first by the reference digits (<see cref="ReferenceNumber.TransferDigits"/>)
/// found in the payer name, in any width, with or without separators, several references in one transfer allowed; then
/// by the normalised kana name together with the amount (the fee times the number of unpaid requests under that name).
/// A credit paying a request takes its balance off for the credits after it, so two credits never both settle one fee.
/// Nothing is absorbed: an excess is reported as overpaid, and everything that does not fit is left unmatched.
/// </summary>
public sealed partial class FeeMatcher
{
    private readonly Dictionary<string, FeeAccount> byDigits;
    private readonly Dictionary<Guid, int> balances;
    private readonly List<FeeAccount> accounts;

    public FeeMatcher(IEnumerable<FeeAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        this.accounts = [.. accounts];
        byDigits = this.accounts.GroupBy(a => a.TransferDigits, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        balances = this.accounts.ToDictionary(a => a.RequestId, a => a.BalanceYen);
    }

    public IReadOnlyList<CreditMatch> MatchAll(IEnumerable<BankCredit> credits) => [.. credits.Select(Match)];

    public CreditMatch Match(BankCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        var referenced = ReferencedAccounts(credit.PayerName);
        return referenced.Count > 0 ? ByReference(credit, referenced) : ByName(credit);
    }

    private CreditMatch ByReference(BankCredit credit, IReadOnlyList<FeeAccount> referenced)
    {
        var ids = referenced.Select(a => a.RequestId).ToArray();
        var owing = referenced.Where(a => balances[a.RequestId] > 0).ToArray();
        if (owing.Length == 0)
        {
            return Unmatched(credit, UnmatchedReason.AlreadyPaid, ids);
        }

        var owed = owing.Sum(a => (long)balances[a.RequestId]);
        return credit.AmountYen < owed
            ? Unmatched(credit, UnmatchedReason.AmountShort, ids)
            : Apply(credit, MatchBasis.Reference, owing);
    }

    private CreditMatch ByName(BankCredit credit)
    {
        var key = PayerKey(credit.PayerName);
        if (key.Length == 0)
        {
            return Unmatched(credit, UnmatchedReason.NoCandidate, []);
        }

        var owing = accounts.Where(a => balances[a.RequestId] > 0 && a.IsPaidBy(key)).ToArray();
        if (owing.Length == 0)
        {
            return Unmatched(credit, UnmatchedReason.NoCandidate, []);
        }

        var ids = owing.Select(a => a.RequestId).ToArray();
        if (owing.Sum(a => (long)balances[a.RequestId]) == credit.AmountYen)
        {
            return Apply(credit, MatchBasis.Name, owing);
        }

        // Without reference digits the amount must say exactly which requests are paid; a part of several is a guess.
        var exact = owing.Where(a => balances[a.RequestId] == credit.AmountYen).ToArray();
        if (owing.Length > 1 && exact.Length > 0)
        {
            return Unmatched(credit, UnmatchedReason.Ambiguous, ids);
        }

        return Unmatched(credit, credit.AmountYen < owing.Sum(a => (long)balances[a.RequestId]) ? UnmatchedReason.AmountShort : UnmatchedReason.Ambiguous, ids);
    }

    private CreditMatch Apply(BankCredit credit, MatchBasis basis, IReadOnlyList<FeeAccount> owing)
    {
        var allocations = new List<FeeAllocation>();
        long remaining = credit.AmountYen;
        foreach (var account in owing)
        {
            var balance = balances[account.RequestId];
            allocations.Add(new FeeAllocation(account.RequestId, balance));
            balances[account.RequestId] = 0;
            remaining -= balance;
        }

        if (remaining > 0)
        {
            allocations[0] = allocations[0] with { AmountYen = checked(allocations[0].AmountYen + (int)remaining) };
        }

        return new CreditMatch(credit, basis, allocations, remaining, null, [.. owing.Select(a => a.RequestId)]);
    }

    private static CreditMatch Unmatched(BankCredit credit, UnmatchedReason reason, IReadOnlyList<Guid> candidates) =>
        new(credit, null, [], 0, reason, candidates);

    /// <summary>The requests whose reference digits the payer name carries, in the order written.</summary>
    public IReadOnlyList<FeeAccount> ReferencedAccounts(string payerName)
    {
        var found = new List<FeeAccount>();
        foreach (var run in DigitRuns(payerName))
        {
            // All or nothing per run: a run that does not split into known references adds nothing.
            Partition(run, 0, found);
        }

        return [.. found.DistinctBy(a => a.RequestId)];
    }

    /// <summary>
    /// The runs of digits in a payer name, separators inside a run removed: 「２０２６－０００１２３　ﾔﾏﾀﾞ」 gives
    /// 2026000123; 「2026000123 2026000124 ﾔﾏﾀﾞ」 gives one run of twenty digits that <see cref="Partition"/> splits.
    /// </summary>
    public static IReadOnlyList<string> DigitRuns(string payerName)
    {
        ArgumentNullException.ThrowIfNull(payerName);
        var text = JapaneseText.ToHalfWidth(payerName);
        return [.. DigitRun().Matches(text).Select(m => Separators().Replace(m.Value, string.Empty))];
    }

    /// <summary>Splits a run of digits into known reference digits, all or nothing (a run that does not split is ignored).</summary>
    private bool Partition(string digits, int from, List<FeeAccount> found)
    {
        if (from == digits.Length)
        {
            return true;
        }

        // Reference digits are a 4-digit year and a sequence of 6 to 9 digits (ReferenceNumber.Normalize).
        for (var length = 10; length <= 13 && from + length <= digits.Length; length++)
        {
            if (byDigits.TryGetValue(digits.Substring(from, length), out var account))
            {
                found.Add(account);
                if (Partition(digits, from + length, found))
                {
                    return true;
                }

                found.RemoveAt(found.Count - 1);
            }
        }

        return false;
    }

    /// <summary>
    /// The payer name as a matching key: full-width katakana (from half width or hiragana), small kana as large (banks
    /// cannot print small kana), no long-vowel marks, spaces, digits or punctuation, and without corporate-form noise such
    /// as 「ｶ)」「(ｶ」「ｶﾌﾞｼｷｶﾞｲｼﾔ」. 「2026000123 ﾔﾏﾀﾞ ﾊﾅｺ」 and 「やまだ　はなこ」 give the same key.
    /// </summary>
    public static string PayerKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = JapaneseText.SearchKey(name);
        text = CorporateWords().Replace(text, string.Empty);
        text = CorporateAbbreviations().Replace(text, string.Empty);
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is >= '\u30A1' and <= '\u30FA')
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\d(?:[\s\-\u2010-\u2015\u2212\u30FC\uFF70.]*\d)*")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"[^\d]")]
    private static partial Regex Separators();

    // SearchKey has made small kana large, so 「ガイシャ」 reads 「ガイシヤ」 here.
    [GeneratedRegex("カブシキガイシヤ|ユウゲンガイシヤ|ゴウドウガイシヤ|ゴウメイガイシヤ|ゴウシガイシヤ|イツパンシヤダンホウジン|イツパンザイダンホウジン")]
    private static partial Regex CorporateWords();

    [GeneratedRegex(@"\((?:カ|ユ|ド|メ|シ|ザイ|シヤ|ゴ)\)?|(?:カ|ユ|ド|メ|シ|ザイ|シヤ|ゴ)\)")]
    private static partial Regex CorporateAbbreviations();
}
