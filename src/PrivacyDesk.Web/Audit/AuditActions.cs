using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Events;

namespace PrivacyDesk.Web.Audit;

/// <summary>A domain event with no audit code: a programming error, refused before anything is saved.</summary>
public sealed class UnmappedEventException(string message) : InvalidOperationException(message);

/// <summary>The audit row one domain event becomes: its action code, the request it is filed under, and its details.</summary>
public sealed record AuditEntry(string Action, Guid? RequestId, object? Details);

/// <summary>
/// The one catalogue of audit action codes (ADR 0014): every code the app writes, spelled <c>area.lower_snake</c>, one
/// per domain event, with what people read for it. Codes are stable (they are stored and hash-chained); labels can
/// change. Rows written before this catalogue keep their stored codes: <see cref="Describe"/> still names them.
/// </summary>
public static class AuditActions
{
    // Changes to a request (raised by PrivacyRequest and RequestNote).
    public const string RequestSubmitted = "request.submitted";
    public const string DocumentAttached = "document.attached";
    public const string Assigned = "request.assigned";
    public const string IdentityCheckStarted = "identity.check_started";
    public const string IdentityAccepted = "identity.accepted";
    public const string IdentityReturned = "identity.returned";
    public const string DocumentsResubmitted = "document.resubmitted";
    public const string PostedDocumentsAttached = "document.posted_attached";
    public const string FeeRecorded = "fee.recorded";
    public const string FeeRefunded = "fee.refunded";
    public const string DecisionRecorded = "decision.recorded";
    public const string DecisionApproved = "decision.approved";
    public const string DecisionSentBack = "decision.sent_back";
    public const string RecordsContentRestated = "decision.records_restated";
    public const string RecordsRestatementApproved = "decision.records_restatement_approved";
    public const string Closed = "request.closed";
    public const string Withdrawn = "request.withdrawn";
    public const string Rejected = "request.rejected";
    public const string NoteAdded = "note.added";
    public const string LetterIssued = "letter.issued";
    public const string DeadlineExtended = "deadline.extended";
    public const string ContactCorrected = "contact.corrected";
    public const string StatusCodeReissued = "request.status_code_reissued";
    public const string DeliveryChanged = "request.delivery_changed";
    public const string ReminderSent = "request.reminder_sent";
    public const string Abandoned = "request.abandoned";

    // Fee reconciliation (Pages/Staff/Fees, ADR 0018).
    public const string BankFileImported = "fee.bank_file_imported";
    public const string CreditMatched = "fee.credit_matched";
    public const string CreditMatchedByHand = "fee.credit_matched_by_hand";
    public const string CreditUnmatched = "fee.credit_unmatched";

    // The register of third-party provision records (Pages/Staff/ThirdPartyRecords, ADR 0020).
    public const string ProvisionRecordsImported = "provision.records_imported";
    public const string ProvisionRecordPurged = "provision.record_purged";

    // Mail that failed for good (Pages/Staff/Mail, ADR 0024).
    public const string MailResent = "mail.resent";
    public const string MailWithdrawn = "mail.withdrawn_for_post";

    // Retention and the chain (system).
    public const string DocumentPurged = "document.purged";
    public const string LetterPurged = "letter.purged";
    public const string Anchored = "audit.anchored";

    // Staff accounts.
    public const string AccountCreated = "account.created";
    public const string AccountRolesChanged = "account.roles_changed";
    public const string AccountLocked = "account.locked";
    public const string AccountUnlocked = "account.unlocked";
    public const string AccountAuthenticatorReset = "account.authenticator_reset";
    public const string AccountSignInLimitsCleared = "account.sign_in_limits_cleared";
    public const string SignedIn = "staff.signed_in";
    public const string SignInFailed = "staff.sign_in_failed";
    public const string LockedOut = "staff.locked_out";
    public const string SignInThrottled = "staff.sign_in_throttled";
    public const string SecondFactorFailed = "staff.second_factor_failed";
    public const string TwoFactorEnabled = "staff.two_factor_enabled";
    public const string SignedOut = "staff.signed_out";

    // Reads of personal data (written by PersonalDataReadFilter for pages marked [AuditsPersonalDataRead]).
    public const string RequestViewed = "request.viewed";
    public const string StatusViewed = "request.status_viewed";
    public const string QueueViewed = "queue.viewed";
    public const string DashboardViewed = "dashboard.viewed";
    public const string DocumentViewed = "document.viewed";
    public const string IdentityCheckViewed = "identity.viewed";
    public const string FeeViewed = "fee.viewed";
    public const string DecisionViewed = "decision.viewed";
    public const string ApprovalViewed = "approval.viewed";
    public const string ApprovalsListed = "approvals.viewed";
    public const string FeesViewed = "fee.credits_viewed";
    public const string LettersViewed = "letters.viewed";
    public const string LetterPreviewed = "letter.previewed";
    public const string LetterDownloaded = "letter.downloaded";
    public const string TimelineViewed = "audit.timeline_viewed";
    public const string HistorySearched = "audit.history_searched";
    public const string HistoryExported = "audit.history_exported";
    public const string EventsExported = "audit.events_exported";
    public const string ChainVerified = "audit.chain_verified";
    public const string ContactViewed = "contact.viewed";
    public const string StatusCodeViewed = "request.status_code_viewed";
    public const string MailFailuresViewed = "mail.failures_viewed";
    public const string ProvisionRecordsViewed = "provision.records_viewed";

    /// <summary>Codes a page may name in <see cref="AuditsPersonalDataReadAttribute"/>.</summary>
    public static readonly IReadOnlySet<string> Reads = new HashSet<string>(StringComparer.Ordinal)
    {
        RequestViewed, StatusViewed, QueueViewed, DashboardViewed, DocumentViewed, IdentityCheckViewed, FeeViewed, DecisionViewed, ApprovalViewed,
        ApprovalsListed, FeesViewed, LettersViewed, LetterPreviewed, LetterDownloaded, TimelineViewed, HistorySearched, HistoryExported, EventsExported, ChainVerified,
        ContactViewed, StatusCodeViewed, MailFailuresViewed,
        ProvisionRecordsViewed,
    };

    /// <summary>Actions that change a request (as opposed to reading it): the ones a concurrency conflict can name.</summary>
    public static readonly IReadOnlyCollection<string> Changes =
    [
        DocumentAttached, Assigned, IdentityCheckStarted, IdentityAccepted, IdentityReturned, FeeRecorded, FeeRefunded,
        DecisionRecorded, DecisionApproved, DecisionSentBack, Closed, Withdrawn, Rejected, LetterIssued, DeadlineExtended,
        ContactCorrected, StatusCodeReissued, DeliveryChanged,
        ReminderSent, Abandoned,
        DocumentsResubmitted, PostedDocumentsAttached,
        RecordsContentRestated, RecordsRestatementApproved,
    ];

    /// <summary>
    /// The audit row of a domain event. Details hold identifiers and codes only. An event with no case here is a
    /// programming error, refused before anything is saved: add its code above and its case below.
    /// </summary>
    public static AuditEntry Entry(IDomainEvent domainEvent) => domainEvent switch
    {
        RequestFiled e => new(RequestSubmitted, e.RequestId, new
        {
            reference = e.Reference, family = e.Family.ToString(), kinds = e.Kinds.Select(k => k.ToString()),
            channel = e.Channel.ToString(), requesterType = e.RequesterType.ToString(),
        }),
        Domain.Events.DocumentAttached e => new(DocumentAttached, e.RequestId, new { documentId = e.DocumentId, role = e.Role.ToString(), type = e.Type.ToString() }),
        RequestAssigned e => new(Assigned, e.RequestId, new { before = e.Before, after = e.After }),
        Domain.Events.IdentityCheckStarted e => new(IdentityCheckStarted, e.RequestId, new { status = Status(e.From, e.To) }),
        Domain.Events.IdentityAccepted e => new(IdentityAccepted, e.RequestId, new { status = Status(e.From, e.To), confirmed = e.Confirmed.Select(c => c.ToString()) }),
        IdentityReturned e => new(IdentityReturned, e.RequestId, new { status = Status(e.From, e.To), confirmed = e.Confirmed.Select(c => c.ToString()) }),
        Domain.Events.DocumentsResubmitted e => new(DocumentsResubmitted, e.RequestId, new
        {
            documentIds = e.DocumentIds, roles = e.Roles.Select(r => r.ToString()), superseded = e.Superseded, status = Status(e.From, e.To),
        }),
        Domain.Events.PostedDocumentsAttached e => new(PostedDocumentsAttached, e.RequestId, new
        {
            documentIds = e.DocumentIds, roles = e.Roles.Select(r => r.ToString()), superseded = e.Superseded,
            arrivedOn = e.ArrivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), status = Status(e.From, e.To),
        }),
        FeePaid e => new(FeeRecorded, e.RequestId, Payment(e.PaymentId, e.AmountYen, e.Method, e.PaidOn, e.From, e.To)),
        Domain.Events.FeeRefunded e => new(FeeRefunded, e.RequestId, Payment(e.PaymentId, e.AmountYen, e.Method, e.PaidOn, e.From, e.To)),
        DecisionEntered e => new(DecisionRecorded, e.RequestId, new
        {
            decisionId = e.DecisionId,
            outcomes = e.Outcomes.Select(o => new { kind = o.Kind.ToString(), outcome = o.Outcome.ToString(), grounds = o.Grounds.Select(g => (int)g) }),
            approved = e.Approved,
        }),
        Domain.Events.DecisionApproved e => new(DecisionApproved, e.RequestId, new { decisionId = e.DecisionId, decidedBy = e.DecidedBy }),
        Domain.Events.DecisionSentBack e => new(DecisionSentBack, e.RequestId, new { decisionId = e.DecisionId, status = Status(e.From, e.To) }),
        Domain.Events.RecordsContentRestated e => new(RecordsContentRestated, e.RequestId, new
        {
            decisionId = e.DecisionId, outcomeId = e.OutcomeId, from = e.From.ToString(), to = e.To.ToString(),
            provisionRecordIds = e.ProvisionRecordIds, previousContentSha256 = e.PreviousContentSha256, awaitsApproval = e.AwaitsApproval,
        }),
        Domain.Events.RecordsRestatementApproved e => new(RecordsRestatementApproved, e.RequestId, new
        {
            decisionId = e.DecisionId, outcomeId = e.OutcomeId, restatedBy = e.RestatedBy,
        }),
        RequestClosed e => new(Closed, e.RequestId, new { status = Status(e.From, e.To) }),
        RequestWithdrawn e => new(Withdrawn, e.RequestId, new { status = Status(e.From, e.To) }),
        RequestRejected e => new(Rejected, e.RequestId, new { status = Status(e.From, e.To), ground = e.Ground.ToString() }),
        Domain.Events.ReminderSent e => new(ReminderSent, e.RequestId, new
        {
            waiting = e.Waiting.ToString(), step = e.Step, closesOn = e.ClosesOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }),
        RequestAbandoned e => new(Abandoned, e.RequestId, new { status = Status(e.From, e.To), reminders = e.RemindersSent }),
        Domain.Events.DeadlineExtended e => new(DeadlineExtended, e.RequestId, new
        {
            from = e.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            to = e.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            days = e.TotalExtensionDays,
        }),
        Domain.Events.ContactCorrected e => new(ContactCorrected, e.RequestId, new
        {
            personId = e.PersonId, party = e.Party.ToString(), fields = e.Fields.Select(f => f.ToString()), correctionIds = e.CorrectionIds,
        }),
        Domain.Events.StatusCodeReissued e => new(StatusCodeReissued, e.RequestId, new { via = e.Via.ToString(), verifiedBy = e.VerifiedBy.ToString() }),
        Domain.Events.DeliveryChanged e => new(DeliveryChanged, e.RequestId, new { before = e.Before?.ToString(), after = e.After.ToString() }),
        Domain.Events.BankFileImported e => new(BankFileImported, null, new
        {
            importId = e.ImportId, format = e.Format, sha256 = e.Sha256, credits = e.Credits, imported = e.Imported,
            alreadyImported = e.AlreadyImported, matched = e.Matched, unmatched = e.Unmatched, skippedRecords = e.SkippedRecords,
        }),
        Domain.Events.CreditMatched e => new(e.ByHand ? CreditMatchedByHand : CreditMatched, e.RequestId, new
        {
            creditId = e.CreditId, paymentId = e.PaymentId, basis = e.Basis, amountYen = e.AmountYen, overpaidYen = e.OverpaidYen,
        }),
        CreditLeftUnmatched e => new(CreditUnmatched, null, new
        {
            creditId = e.CreditId, importId = e.ImportId, amountYen = e.AmountYen, bookedOn = e.BookedOn, reason = e.Reason, candidates = e.Candidates,
        }),
        Domain.Events.NoteAdded e => new(NoteAdded, e.RequestId, new { noteId = e.NoteId }),
        Domain.Events.LetterIssued e => new(LetterIssued, e.RequestId, new { letterId = e.LetterId, kind = e.Kind, e.Sha256, closes = e.Closes, mailed = e.Mailed }),
        Domain.Events.DocumentPurged e => new(DocumentPurged, e.RequestId, new
        {
            documentId = e.DocumentId, type = e.Type, role = e.Role, sha256 = e.Sha256, closedAt = e.ClosedAt, retentionDays = e.RetentionDays,
        }),
        Domain.Events.LetterPurged e => new(LetterPurged, e.RequestId, new
        {
            letterId = e.LetterId, kind = e.Kind, sha256 = e.Sha256, issuedAt = e.IssuedAt, retentionYears = e.RetentionYears,
        }),
        Domain.Events.ProvisionRecordsImported e => new(ProvisionRecordsImported, null, new
        {
            importId = e.ImportId, sha256 = e.Sha256, encoding = e.Encoding, rows = e.Rows, added = e.Added, alreadyRecorded = e.AlreadyRecorded,
        }),
        Domain.Events.ProvisionRecordPurged e => new(ProvisionRecordPurged, null, new
        {
            recordId = e.RecordId, direction = e.Direction, retainedUntil = e.RetainedUntil, retentionYears = e.RetentionYears,
        }),
        FailedMailResent e => new(MailResent, e.RequestId, new { messageId = e.MessageId, kind = e.Kind, attemptsBefore = e.AttemptsBefore }),
        FailedMailWithdrawn e => new(MailWithdrawn, e.RequestId, new { messageId = e.MessageId, kind = e.Kind, attemptsBefore = e.AttemptsBefore }),
        AuditAnchored e => new(Anchored, null, new { date = AuditTime.Day(e.Date), sequence = e.Sequence, keyId = e.KeyId, recipients = e.Recipients }),
        Domain.Events.AccountCreated e => new(AccountCreated, null, new { userId = e.UserId, before = (object?)null, after = new { roles = e.Roles }, via = e.Via }),
        Domain.Events.AccountRolesChanged e => new(AccountRolesChanged, null, new { userId = e.UserId, before = new { roles = e.Before }, after = new { roles = e.After } }),
        Domain.Events.AccountLocked e => new(AccountLocked, null, new { userId = e.UserId, before = new { lockedUntil = e.LockedUntilBefore }, after = new { lockedUntil = "disabled" } }),
        Domain.Events.AccountUnlocked e => new(AccountUnlocked, null, new { userId = e.UserId, before = new { lockedUntil = e.LockedUntilBefore }, after = new { lockedUntil = (DateTimeOffset?)null } }),
        Domain.Events.AccountSignInLimitsCleared e => new(AccountSignInLimitsCleared, null,
            new { userId = e.UserId, before = new { lockedUntil = e.LockedUntilBefore }, after = new { lockedUntil = e.LockedUntilAfter } }),
        Domain.Events.AccountAuthenticatorReset e => new(AccountAuthenticatorReset, null, new { userId = e.UserId, before = new { twoFactor = e.TwoFactorBefore }, after = new { twoFactor = false } }),
        StaffSignedIn e => new(SignedIn, null, new { userId = e.UserId, method = e.Method }),
        StaffSignInFailed e => new(SignInFailed, null, new { userId = e.UserId, reason = e.Reason }),
        StaffLockedOut e => new(LockedOut, null, new { userId = e.UserId }),
        StaffSignInThrottled e => new(SignInThrottled, null, new { userId = e.UserId }),
        StaffSecondFactorFailed e => new(SecondFactorFailed, null, new { userId = e.UserId, method = e.Method }),
        StaffTwoFactorEnabled e => new(TwoFactorEnabled, null, new { userId = e.UserId }),
        StaffSignedOut e => new(SignedOut, null, new { userId = e.UserId }),
        PersonalDataRead e when Reads.Contains(e.Action) => new(e.Action, e.RequestId, e.Details),
        PersonalDataRead e => throw new InvalidOperationException(
            $"\"{e.Action}\" is not a read code of the audit catalogue: add it to AuditActions.Reads (and a label)."),
        _ => throw new UnmappedEventException(
            $"The domain event {domainEvent.GetType().Name} has no audit code: add a constant and a case for it to AuditActions.Entry (src/PrivacyDesk.Web/Audit/AuditActions.cs), and a label."),
    };

    private static object Status(Domain.Requests.RequestStatus from, Domain.Requests.RequestStatus to) =>
        new { before = from.ToString(), after = to.ToString() };

    // The payer name is personal data: the row references the payment, it does not copy the name.
    private static object Payment(Guid paymentId, int amountYen, Domain.Fees.PaymentMethod method, DateOnly paidOn, Domain.Requests.RequestStatus from, Domain.Requests.RequestStatus to) =>
        new { paymentId, amountYen, method = method.ToString(), paidOn, status = Status(from, to) };

    private static readonly Dictionary<string, Label> Labels = new(StringComparer.Ordinal)
    {
        [RequestSubmitted] = new("請求を受付", "Request filed"),
        [DocumentAttached] = new("本人確認書類を受領", "ID document received"),
        [Assigned] = new("担当者を変更", "Assignment changed"),
        [IdentityCheckStarted] = new("本人確認を開始", "ID check started"),
        [IdentityAccepted] = new("本人確認書類を受理", "ID documents accepted"),
        [IdentityReturned] = new("不備により返戻", "Returned for deficiency"),
        [DocumentsResubmitted] = new("書類の再提出を受領（オンライン）", "Documents resubmitted online"),
        [PostedDocumentsAttached] = new("郵送された書類を登録", "Posted documents attached"),
        [FeeRecorded] = new("手数料の入金を記録", "Fee payment recorded"),
        [FeeRefunded] = new("手数料の返金を記録", "Fee refund recorded"),
        [DecisionRecorded] = new("決定を入力", "Decision entered"),
        [DecisionApproved] = new("決定を承認", "Decision approved"),
        [DecisionSentBack] = new("決定を差し戻し", "Decision sent back"),
        [RecordsContentRestated] = new("開示する第三者提供記録を再記載（移行した決定）", "Disclosed provision records restated (migrated decision)"),
        [RecordsRestatementApproved] = new("第三者提供記録の再記載を承認", "Restatement of provision records approved"),
        [Closed] = new("請求を完了", "Request closed"),
        [Withdrawn] = new("取下げを記録", "Withdrawal recorded"),
        [Rejected] = new("却下", "Rejected"),
        [NoteAdded] = new("メモを追加", "Note added"),
        [LetterIssued] = new("通知書を発行", "Letter issued"),
        [DeadlineExtended] = new("回答期限を延長", "Answer date extended"),
        [ContactCorrected] = new("連絡先を訂正", "Contact details corrected"),
        [StatusCodeReissued] = new("確認用コードを再発行", "Status code reissued"),
        [DeliveryChanged] = new("回答の方法を変更", "Delivery method changed"),
        [ReminderSent] = new("手数料・書類の督促を送付", "Reminder sent"),
        [Abandoned] = new("督促に応答がなく請求を終了", "Closed as abandoned"),
        [BankFileImported] = new("銀行ファイルを取込", "Bank file imported"),
        [CreditMatched] = new("入金を照合（自動）", "Credit matched"),
        [CreditMatchedByHand] = new("入金を手作業で照合", "Credit matched by hand"),
        [CreditUnmatched] = new("入金を未照合として記録", "Credit left unmatched"),
        [DocumentPurged] = new("本人確認書類を保存期間満了により削除", "ID document purged (retention)"),
        [LetterPurged] = new("通知書を保存期間満了により削除", "Letter purged (retention)"),
        [ProvisionRecordsImported] = new("第三者提供記録を取込", "Provision records imported"),
        [ProvisionRecordPurged] = new("第三者提供記録を保存期間満了により削除", "Provision record purged (retention)"),
        [ProvisionRecordsViewed] = new("第三者提供記録を閲覧", "Provision records viewed"),
        [Anchored] = new("監査ログの日次アンカーを作成", "Audit log anchored"),
        [AccountCreated] = new("職員アカウントを作成", "Staff account created"),
        [AccountRolesChanged] = new("職員の役割を変更", "Staff roles changed"),
        [AccountLocked] = new("職員アカウントを無効化", "Staff account disabled"),
        [AccountUnlocked] = new("職員アカウントを有効化", "Staff account enabled"),
        [AccountAuthenticatorReset] = new("認証アプリをリセット", "Authenticator reset"),
        [AccountSignInLimitsCleared] = new("ログイン制限を解除", "Sign-in limits cleared"),
        [SignedIn] = new("ログイン", "Signed in"),
        [SignInFailed] = new("ログインに失敗", "Sign-in failed"),
        [LockedOut] = new("ログインをロック", "Locked out"),
        [SignInThrottled] = new("ログインを制限", "Sign-in throttled"),
        [SecondFactorFailed] = new("確認コードの誤り", "Second factor failed"),
        [TwoFactorEnabled] = new("認証アプリを設定", "Authenticator set up"),
        [SignedOut] = new("ログアウト", "Signed out"),
        [RequestViewed] = new("請求の内容を閲覧", "Request details viewed"),
        [StatusViewed] = new("請求者が状況を確認", "Requester viewed the status"),
        [QueueViewed] = new("請求の一覧を表示", "Queue viewed"),
        [DashboardViewed] = new("ダッシュボードを表示", "Dashboard viewed"),
        [DocumentViewed] = new("本人確認書類を閲覧", "ID document viewed"),
        [IdentityCheckViewed] = new("本人確認の画面を閲覧", "ID check page viewed"),
        [FeeViewed] = new("手数料の画面を閲覧", "Fee page viewed"),
        [DecisionViewed] = new("決定の画面を閲覧", "Decision page viewed"),
        [ApprovalViewed] = new("承認の画面を閲覧", "Approval page viewed"),
        [ApprovalsListed] = new("承認待ちの一覧を表示", "Approval list viewed"),
        [FeesViewed] = new("入金・手数料台帳を閲覧", "Fee credits and ledger viewed"),
        [LettersViewed] = new("通知書の画面を閲覧", "Letters page viewed"),
        [LetterPreviewed] = new("通知書を下書き表示", "Letter previewed"),
        [LetterDownloaded] = new("通知書をダウンロード", "Letter downloaded"),
        [TimelineViewed] = new("監査：請求の経過を閲覧", "Audit: request timeline viewed"),
        [HistorySearched] = new("監査：請求の履歴を検索", "Audit: request history searched"),
        [HistoryExported] = new("監査：請求の履歴を出力", "Audit: request history exported"),
        [EventsExported] = new("監査：操作記録を出力", "Audit: event log exported"),
        [ChainVerified] = new("監査ログの改ざん検査", "Audit chain verified"),
        [ContactViewed] = new("連絡先の訂正画面を閲覧", "Contact correction page viewed"),
        [StatusCodeViewed] = new("確認用コードの再発行画面を閲覧", "Status code reissue page viewed"),
        [MailFailuresViewed] = new("送信できなかったメールの一覧を閲覧", "Failed mail viewed"),
        [MailResent] = new("送信できなかったメールを再送", "Failed mail resent"),
        [MailWithdrawn] = new("送信できなかったメールを取りやめ（郵送に切替）", "Failed mail withdrawn (switched to post)"),

        // Codes of rows written before the catalogue (never rewritten: they are in the hash chain).
        ["account.roles-changed"] = new("職員の役割を変更", "Staff roles changed"),
        ["account.authenticator-reset"] = new("認証アプリをリセット", "Authenticator reset"),
        ["account.sign-in-limits-cleared"] = new("ログイン制限を解除", "Sign-in limits cleared"),
        ["staff.user_created"] = new("職員アカウントを作成", "Staff account created"),
    };

    /// <summary>Every code the catalogue can name, current and legacy.</summary>
    public static IEnumerable<string> Known => Labels.Keys;

    /// <summary>What people read for an action code; unknown codes are shown as they are.</summary>
    public static Label? Describe(string action) => Labels.TryGetValue(action, out var label) ? label : null;
}
