using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Letters.Composition;

/// <summary>The letters the co-op sends. The stable code of each (stored with an issued letter) is in <see cref="LetterKinds.Code"/>.</summary>
public enum LetterKind
{
    Acknowledgement = 1,
    FeeNotice = 2,
    Deficiency = 3,
    PurposeOfUseNotice = 10,
    DisclosureDecision = 11,
    NonDisclosure = 12,
    ThirdPartyRecords = 13,
    CorrectionResult = 20,
    StopUseResult = 30,
    CoverLetter = 40,

    /// <summary>回答期限延長のお知らせ: staff set a later answer date (ADR 0016); sent at each extension.</summary>
    DelayNotice = 50,

    /// <summary>却下通知書: the request was rejected, with the ground and the reason (ADR 0023).</summary>
    RejectionNotice = 51,

    /// <summary>取下げ確認書: the member withdrew (online, or by phone or post as staff recorded it).</summary>
    WithdrawalConfirmation = 52,

    /// <summary>手数料・書類のご提出のお願い: a reminder of what the co-op still waits for, with the date it closes.</summary>
    Reminder = 53,

    /// <summary>請求の手続き終了のお知らせ: closed as abandoned after two unanswered reminders.</summary>
    AbandonmentNotice = 54,

    /// <summary>
    /// 領収書 for one payment of the fee (never a refund), issued from the fee page. It is not in
    /// <see cref="LetterKinds.Applicable"/>: it belongs to a payment, not to the request's stage.
    /// </summary>
    Receipt = 60,

    /// <summary>
    /// 確認用コードのお知らせ: a reissued status code, printed, sent by post (ADR 0024). Issued from the status-code page,
    /// not from the letters page, so it is not in <see cref="LetterKinds.Applicable"/>; the stored copy has the code masked.
    /// </summary>
    StatusCodeNotice = 70,
}

/// <summary>Whether a letter kind applies to a request now, and if it cannot be issued, why not.</summary>
public sealed record LetterAvailability(LetterKind Kind, bool CanIssue, Label? Blocked);

public static class LetterKinds
{
    private static readonly Dictionary<LetterKind, string> Codes = new()
    {
        [LetterKind.Acknowledgement] = "acknowledgement",
        [LetterKind.FeeNotice] = "fee-notice",
        [LetterKind.Deficiency] = "deficiency",
        [LetterKind.PurposeOfUseNotice] = "purpose-of-use",
        [LetterKind.DisclosureDecision] = "disclosure-decision",
        [LetterKind.NonDisclosure] = "non-disclosure",
        [LetterKind.ThirdPartyRecords] = "third-party-records",
        [LetterKind.CorrectionResult] = "correction-result",
        [LetterKind.StopUseResult] = "stop-use-result",
        [LetterKind.CoverLetter] = "cover-letter",
        [LetterKind.DelayNotice] = "delay-notice",
        [LetterKind.RejectionNotice] = "rejection-notice",
        [LetterKind.WithdrawalConfirmation] = "withdrawal-confirmation",
        [LetterKind.Reminder] = "reminder",
        [LetterKind.AbandonmentNotice] = "abandonment-notice",
        [LetterKind.Receipt] = "receipt",
        [LetterKind.StatusCodeNotice] = "status-code",
    };

    public static IReadOnlyList<LetterKind> All { get; } = Enum.GetValues<LetterKind>();

    public static string Code(LetterKind kind) => Codes[kind];

    public static bool TryParse(string? code, out LetterKind kind)
    {
        foreach (var (k, c) in Codes)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The letter's title as printed on it.</summary>
    public static Label Title(LetterKind kind) => kind switch
    {
        LetterKind.Acknowledgement => new("受付のお知らせ", "Acknowledgement of your request"),
        LetterKind.FeeNotice => new("手数料のご案内", "The fee and how to pay it"),
        LetterKind.Deficiency => new("本人確認書類等の不備のお知らせ", "Your documents are incomplete"),
        LetterKind.PurposeOfUseNotice => new("利用目的の通知書", "Notice of the purposes of use"),
        LetterKind.DisclosureDecision => new("保有個人データ開示決定通知書", "Decision to disclose retained personal data"),
        LetterKind.NonDisclosure => new("不開示決定通知書", "Decision not to disclose"),
        LetterKind.ThirdPartyRecords => new("第三者提供記録開示決定通知書", "Disclosure of third-party provision records"),
        LetterKind.CorrectionResult => new("訂正等の結果通知書", "Result of your correction request"),
        LetterKind.StopUseResult => new("利用停止等の結果通知書", "Result of your request to stop use"),
        LetterKind.CoverLetter => new("送付状", "Cover letter"),
        LetterKind.DelayNotice => new("回答期限延長のお知らせ", "Notice that the answer will take longer"),
        LetterKind.RejectionNotice => new("請求却下通知書", "Notice of rejection"),
        LetterKind.WithdrawalConfirmation => new("請求取下げの確認書", "Confirmation of withdrawal"),
        LetterKind.Reminder => new("手数料・書類のご提出のお願い", "Reminder: fee or documents awaited"),
        LetterKind.AbandonmentNotice => new("請求の手続き終了のお知らせ", "Notice that the request was closed"),
        LetterKind.Receipt => new("領収書", "Receipt"),
        LetterKind.StatusCodeNotice => new("確認用コードのお知らせ", "Your new status code"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Title from a stored code (issued letters), or the code itself if it is unknown.</summary>
    public static Label TitleOf(string code) => TryParse(code, out var kind) ? Title(kind) : new(code, code);

    /// <summary>Letters that tell the member the answer. Issuing the last of them closes the request.</summary>
    public static bool IsResult(LetterKind kind) => kind is LetterKind.PurposeOfUseNotice or LetterKind.DisclosureDecision
        or LetterKind.NonDisclosure or LetterKind.ThirdPartyRecords or LetterKind.CorrectionResult or LetterKind.StopUseResult;

    /// <summary>
    /// Notices about the procedure that also go by mail wherever the member gave an address, whatever delivery they
    /// chose for the result: a member waiting for an answer must learn of a delay at once.
    /// </summary>
    public static bool MailedWhereEmailExists(LetterKind kind) => kind is LetterKind.DelayNotice
        or LetterKind.RejectionNotice or LetterKind.WithdrawalConfirmation or LetterKind.Reminder or LetterKind.AbandonmentNotice;

    /// <summary>The notice that ends a request which was rejected or withdrawn (ADR 0023), or null for any other.</summary>
    public static LetterKind? ClosingNotice(PrivacyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Status switch
        {
            RequestStatus.Withdrawn => LetterKind.WithdrawalConfirmation,
            RequestStatus.Rejected when request.RejectionGround == Domain.Closing.RejectionGround.Abandoned => LetterKind.AbandonmentNotice,
            RequestStatus.Rejected => LetterKind.RejectionNotice,
            _ => null,
        };
    }

    /// <summary>The result letters a decision calls for, one per kind of answer.</summary>
    public static IReadOnlyList<LetterKind> ResultLetters(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcomes.Select(o => ResultLetter(o.Kind, o.Outcome)).Distinct().Order().ToArray();
    }

    public static LetterKind ResultLetter(RequestKind kind, KindOutcome outcome) => RequestKinds.FamilyOf(kind) switch
    {
        RequestFamily.Correction => LetterKind.CorrectionResult,
        RequestFamily.StopUse => LetterKind.StopUseResult,
        _ when outcome is KindOutcome.NoDisclosure or KindOutcome.NoDataHeld => LetterKind.NonDisclosure,
        _ => kind switch
        {
            RequestKind.PurposeOfUseNotice => LetterKind.PurposeOfUseNotice,
            RequestKind.ThirdPartyProvisionRecordDisclosure => LetterKind.ThirdPartyRecords,
            _ => LetterKind.DisclosureDecision,
        },
    };

    /// <summary>Whether the answer sends something on paper besides the notice itself (the disclosed data), so a cover letter goes with it.</summary>
    public static bool NeedsCoverLetter(PrivacyRequest request) =>
        request.Decision is { } decision
        && request.Delivery != DeliveryMethod.Electronic
        && decision.Outcomes.Any(o => DecisionRules.DisclosesContent(o.Kind, o.Outcome));

    /// <summary>
    /// The letter kinds that apply to <paramref name="request"/> now, given those already issued. Result letters (and the
    /// cover letter) need a decision that has been approved, and go out once each.
    /// </summary>
    public static IReadOnlyList<LetterAvailability> Applicable(PrivacyRequest request, IReadOnlyCollection<LetterKind> issued)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(issued);
        var list = new List<LetterAvailability>();
        var ended = request.Status is RequestStatus.Withdrawn or RequestStatus.Rejected;
        list.Add(ended
            ? new(LetterKind.Acknowledgement, false, new("取下げ・却下された請求です。", "The request was withdrawn or rejected."))
            : new(LetterKind.Acknowledgement, true, null));

        if (request.FeeDueYen > 0 && !request.IsFeeSettled && request.IsOpen)
        {
            list.Add(new(LetterKind.FeeNotice, true, null));
        }

        if (request.Status == RequestStatus.ReturnedForDeficiency)
        {
            list.Add(new(LetterKind.Deficiency, true, null));
        }

        if (request.DeadlineExtendedTo is not null && request.IsOpen)
        {
            // One at each extension, so it may be issued again (the page issues it with the extension itself).
            list.Add(new(LetterKind.DelayNotice, true, null));
        }

        if (ClosingNotice(request) is { } closing)
        {
            // Once: it goes out with the rejection or withdrawal itself.
            list.Add(issued.Contains(closing) ? new(closing, false, new("発行済みです。", "Already issued.")) : new(closing, true, null));
        }

        if (RequestStatusMachine.IsWaitingForMember(request.Status) && request.RemindersSent > 0)
        {
            // The reminder worker issues it; staff may issue the latest again (e.g. to post a copy).
            list.Add(new(LetterKind.Reminder, true, null));
        }

        if (request.Decision is { } decision && request.Status is RequestStatus.Decided or RequestStatus.Closed)
        {
            var kinds = ResultLetters(decision).ToList();
            if (NeedsCoverLetter(request))
            {
                kinds.Add(LetterKind.CoverLetter);
            }

            foreach (var kind in kinds)
            {
                list.Add(!decision.IsApproved
                    ? new(kind, false, new("決定が承認されていないため、発行できません。", "The decision has not been approved yet."))
                    : kind == LetterKind.ThirdPartyRecords && decision.Outcomes.Any(o => o.ContentNeedsReview && o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure)
                        // Its content came from the one shared text before content per kind: printing it could list
                        // personal data as provision records again (ADR 0020).
                        ? new(kind, false, new("開示する第三者提供記録の内容の確認が必要です（移行した決定）。決定の画面で再記載してください。", "The provision records of this migrated decision need checking first: restate them on the decision page."))
                    : decision.Outcomes.Any(o => o.RestatementAwaitsApproval && ResultLetter(o.Kind, o.Outcome) == kind)
                        // A restatement changes what the member is told: like the decision, it waits for a second person.
                        ? new(kind, false, new("第三者提供記録の再記載が責任者の承認を待っています。", "The restated provision records await a supervisor's approval."))
                    : issued.Contains(kind)
                        ? new(kind, false, new("発行済みです。", "Already issued."))
                        : new(kind, true, null));
            }
        }

        return list;
    }

    /// <summary>
    /// Why no receipt can be issued for the payment <paramref name="paymentId"/> of <paramref name="request"/>, or null if
    /// one can: the payment must be money received (a refund gets none) and have no receipt yet (one per payment, so a
    /// second copy never circulates as a second receipt).
    /// </summary>
    public static Label? ReceiptBlocked(PrivacyRequest request, Guid paymentId, bool alreadyIssued)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payment = request.Payments.FirstOrDefault(p => p.Id == paymentId);
        return payment is null ? new("この請求に、その入金はありません。", "The request has no such payment.")
            : payment.AmountYen <= 0 ? new("返金には領収書を発行しません。", "A refund gets no receipt.")
            : alreadyIssued ? new("この入金の領収書は発行済みです。", "A receipt for this payment was already issued.")
            : null;
    }

    /// <summary>Whether issuing <paramref name="kind"/> now leaves every result letter of the decision issued.</summary>
    public static bool CompletesAnswer(PrivacyRequest request, IReadOnlyCollection<LetterKind> issued, LetterKind kind) =>
        IsResult(kind) && request.Decision is { } decision && ResultLetters(decision).All(k => k == kind || issued.Contains(k));
}
