using System.Text;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Pages.Requests.Form;

namespace PrivacyDesk.Web.Pages.Staff.Requests.StatusCode;

/// <summary>
/// The mail with a reissued status code (ADR 0024), queued in the caller's unit of work. Like the acknowledgement it
/// carries the status link with the code; its body is sealed at rest and emptied once sent (OutboxBodySealing).
/// </summary>
public static class StatusCodeMail
{
    public const string Kind = "request.status_code";

    public static void Enqueue(PrivacyDeskDbContext db, OrganizationOptions org, PrivacyRequest request, string code, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(request);
        var to = (request.Agent ?? request.Principal).Email ?? throw new InvalidOperationException("The domain refuses a mailed code without an address.");
        var body = new StringBuilder();
        MemberMailText.Greeting(body, (request.Agent ?? request.Principal).FullName, org);
        body.AppendLine($"お申し出により、受付番号 {request.ReferenceNumber} のご請求の「確認用コード」を新しく発行しました。");
        body.AppendLine("これまでの確認用コードとリンクは使用できなくなりました。");
        body.AppendLine();
        body.AppendLine("処理状況は次のページでご確認いただけます（このリンクは他の方に知らせないでください）。");
        body.AppendLine(StatusLink.For(org.PublicBaseUrl, request.ReferenceNumber, code));
        body.AppendLine();
        body.AppendLine($"確認用コード：{code}");
        body.AppendLine();
        body.AppendLine("このお申し出に心当たりがない場合は、お手数ですが下記までご連絡ください。");
        MemberMailText.NoReplyFooter(body, org, withPostalAddress: false);
        MailOutbox.Enqueue(db, Kind, request.Id, to, $"【受付番号 {request.ReferenceNumber}】確認用コード再発行のお知らせ", body.ToString(), now);
    }
}
