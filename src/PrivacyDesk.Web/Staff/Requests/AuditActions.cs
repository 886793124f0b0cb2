using PrivacyDesk.Domain;

namespace PrivacyDesk.Web.Staff.Requests;

/// <summary>
/// The audit action codes of the back office, with what people read for each. Codes are stable (they are stored);
/// labels can change.
/// </summary>
public static class AuditActions
{
    public const string RequestViewed = "request.viewed";
    public const string QueueViewed = "queue.viewed";
    public const string ApprovalsViewed = "approvals.viewed";
    public const string DocumentViewed = "document.viewed";
    public const string IdentityCheckStarted = "identity.check_started";
    public const string IdentityAccepted = "identity.accepted";
    public const string IdentityReturned = "identity.returned";
    public const string FeeRecorded = "fee.recorded";
    public const string FeeRefunded = "fee.refunded";
    public const string Assigned = "request.assigned";
    public const string NoteAdded = "note.added";
    public const string DecisionRecorded = "decision.recorded";
    public const string DecisionApproved = "decision.approved";
    public const string DecisionSentBack = "decision.sent_back";
    public const string Withdrawn = "request.withdrawn";
    public const string Rejected = "request.rejected";

    // Issue 14 (request lifecycle).
    public const string DeadlineExtended = "deadline.extended";

    /// <summary>Actions that change a request (as opposed to reading it): the ones a concurrency conflict can name.</summary>
    public static readonly IReadOnlyCollection<string> Changes =
    [
        IdentityCheckStarted, IdentityAccepted, IdentityReturned, FeeRecorded, FeeRefunded, Assigned,
        DecisionRecorded, DecisionApproved, DecisionSentBack, Withdrawn, Rejected, "letter.issued", DeadlineExtended,
    ];

    private static readonly Dictionary<string, Label> Labels = new()
    {
        ["request.submitted"] = new("請求を受付", "Request filed"),
        ["request.status_viewed"] = new("請求者が状況を確認", "Requester viewed the status"),
        [RequestViewed] = new("請求の内容を閲覧", "Request details viewed"),
        [QueueViewed] = new("請求の一覧を表示", "Queue viewed"),
        [ApprovalsViewed] = new("承認待ちの一覧を表示", "Approval list viewed"),
        [DocumentViewed] = new("本人確認書類を閲覧", "ID document viewed"),
        [IdentityCheckStarted] = new("本人確認を開始", "ID check started"),
        [IdentityAccepted] = new("本人確認書類を受理", "ID documents accepted"),
        [IdentityReturned] = new("不備により返戻", "Returned for deficiency"),
        [FeeRecorded] = new("手数料の入金を記録", "Fee payment recorded"),
        [FeeRefunded] = new("手数料の返金を記録", "Fee refund recorded"),
        [Assigned] = new("担当者を変更", "Assignment changed"),
        [NoteAdded] = new("メモを追加", "Note added"),
        [DecisionRecorded] = new("決定を入力", "Decision entered"),
        [DecisionApproved] = new("決定を承認", "Decision approved"),
        [DecisionSentBack] = new("決定を差し戻し", "Decision sent back"),
        [DeadlineExtended] = new("回答期限を延長", "Answer date extended"),
        [Withdrawn] = new("取下げを記録", "Withdrawal recorded"),
        [Rejected] = new("却下", "Rejected"),
        ["letter.issued"] = new("通知書を発行", "Letter issued"),
        ["letter.downloaded"] = new("請求者が通知書をダウンロード", "Requester downloaded a letter"),
    };

    /// <summary>What people read for an action code; unknown codes are shown as they are.</summary>
    public static Label? Describe(string action) => Labels.TryGetValue(action, out var label) ? label : null;
}
