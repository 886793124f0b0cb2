namespace PrivacyDesk.Domain.Closing;

/// <summary>
/// Why a request was rejected (却下), printed on the 却下通知書 with the staff member's own words. The ground is a
/// category the statistics and the letter can name; the reason recorded with the status change says the particulars.
/// </summary>
public enum RejectionGround
{
    /// <summary>Documents or fee still missing after the member was told of the deficiency and given time.</summary>
    IncompleteAfterDeadline = 1,

    /// <summary>The requester could not be confirmed as the principal or their agent.</summary>
    IdentityNotConfirmed = 2,

    /// <summary>Not a request under APPI Arts. 32–35 (e.g. a complaint, a request about someone else's data).</summary>
    NotARequestUnderTheAct = 3,

    /// <summary>Closed by the reminder worker: the fee or documents never came (issue 14, ADR 0023).</summary>
    Abandoned = 4,

    Other = 9,
}

public static class RejectionGrounds
{
    /// <summary>The grounds staff may choose; <see cref="RejectionGround.Abandoned"/> is the worker's only.</summary>
    public static IReadOnlyList<RejectionGround> Selectable { get; } =
        [RejectionGround.IncompleteAfterDeadline, RejectionGround.IdentityNotConfirmed, RejectionGround.NotARequestUnderTheAct, RejectionGround.Other];

    public static Label Label(RejectionGround ground) => ground switch
    {
        RejectionGround.IncompleteAfterDeadline => new("期限までに本人確認書類等又は手数料が揃わなかったため", "The documents or fee were still missing after the deadline"),
        RejectionGround.IdentityNotConfirmed => new("ご本人又は代理人であることを確認できなかったため", "The requester's identity could not be confirmed"),
        RejectionGround.NotARequestUnderTheAct => new("個人情報保護法に基づく請求に当たらないため", "Not a request under the Act"),
        RejectionGround.Abandoned => new("期限までに手数料又は書類が届かなかったため", "The fee or documents did not arrive in time"),
        RejectionGround.Other => new("その他", "Other"),
        _ => throw new ArgumentOutOfRangeException(nameof(ground)),
    };
}
