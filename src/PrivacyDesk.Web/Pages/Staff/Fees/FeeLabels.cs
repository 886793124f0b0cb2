using System.Globalization;
using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Fees.BankFiles;

namespace PrivacyDesk.Web.Pages.Staff.Fees;

/// <summary>What staff read for the states of imported credits.</summary>
public static class FeeLabels
{
    public static Label Result(CreditState? state, MatchBasis? basis, UnmatchedReason? reason, long overpaidYen) => state switch
    {
        null => new("取込済み（除外）", "Already imported (skipped)"),
        CreditState.Unmatched => new($"未照合: {Reason(reason).Japanese}", $"Unmatched: {Reason(reason).English}"),
        CreditState.Overpaid => new(
            string.Create(CultureInfo.InvariantCulture, $"{Basis(basis).Japanese}で照合・過入金 {overpaidYen:N0}円"),
            string.Create(CultureInfo.InvariantCulture, $"Matched by {Basis(basis).English}, overpaid ¥{overpaidYen:N0}")),
        _ => new($"{Basis(basis).Japanese}で照合", $"Matched by {Basis(basis).English}"),
    };

    public static Label Basis(MatchBasis? basis) => basis switch
    {
        MatchBasis.Reference => new("受付番号", "reference number"),
        MatchBasis.Name => new("氏名と金額", "name and amount"),
        MatchBasis.Manual => new("手作業", "hand"),
        _ => new("—", "—"),
    };

    public static Label Reason(UnmatchedReason? reason) => reason switch
    {
        UnmatchedReason.NoCandidate => new("該当する未入金の請求がありません", "no unpaid request fits"),
        UnmatchedReason.AmountShort => new("金額が不足しています", "the amount is short"),
        UnmatchedReason.Ambiguous => new("候補が複数あり特定できません", "several requests could fit"),
        UnmatchedReason.AlreadyPaid => new("入金済みの請求への重複入金です", "the request is already paid"),
        _ => new("—", "—"),
    };
}
