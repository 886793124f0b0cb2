using PrivacyDesk.Domain;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Pages.Requests.Form;
using PrivacyDesk.Web.Pages.Staff.Requests.StatusCode;
using PrivacyDesk.Web.Staff.Digest;
using PrivacyDesk.Web.Staff.Requests;

namespace PrivacyDesk.Web.Pages.Staff.Mail;

/// <summary>What staff read for an outbox kind code; an unknown code is shown as it is.</summary>
public static class MailKindLabels
{
    public static Label Of(string kind) => kind switch
    {
        AcknowledgementMail.Kind => new("受付のお知らせ", "Acknowledgement"),
        DeficiencyNotice.Kind => new("書類の不備のお知らせ", "Deficiency notice"),
        StatusCodeMail.Kind => new("確認用コード再発行のお知らせ", "Status code reissued"),
        LetterNoticeMail.Kind => new("通知書発行のお知らせ", "Letter issued"),
        DailyDigest.MailKind => new("職員向けの日次まとめ", "Staff daily digest"),
        AuditAnchoring.MailKind => new("監査ログのアンカー", "Audit anchor"),
        _ => new(kind, kind),
    };
}
