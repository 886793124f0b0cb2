using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Staff.Requests;

/// <summary>
/// 本人確認書類等の不備のお知らせ by email: what is wrong, what to send, and where. It goes through the outbox in the
/// same unit of work as the return, so the member is told exactly when the request is returned. Members who gave no
/// email address get the letter by post (the letters page).
/// </summary>
public sealed class DeficiencyNotice(PrivacyDeskDbContext db, IOptions<OrganizationOptions> organization)
{
    public const string Kind = "request.deficiency";

    /// <summary>Queues the notice; false when the member has no email address and must be written to.</summary>
    public bool Enqueue(PrivacyRequest request, string reason, DateTimeOffset now)
    {
        var addressee = request.Agent ?? request.Principal;
        if (string.IsNullOrWhiteSpace(addressee.Email))
        {
            return false;
        }

        var org = organization.Value;
        var body = new System.Text.StringBuilder();
        MemberMailText.Greeting(body, addressee.FullName, org);
        body.AppendLine($"受付番号 {request.ReferenceNumber} の請求について、お送りいただいた書類を確認したところ、次の点に不備がありました。");
        body.AppendLine();
        body.AppendLine("■ 不備の内容");
        body.AppendLine(reason.Trim());
        body.AppendLine();
        body.AppendLine("■ お願い");
        body.AppendLine("不備を補った書類を、受付番号を添えて次の宛先へ郵送してください。書類が届き次第、確認を再開します。");
        body.AppendLine("その間、回答期限の計算は止まっています。");
        body.AppendLine("個人番号カードは表面のみ、健康保険被保険者証は保険者番号・記号・番号を隠した写しをお送りください。");
        body.AppendLine();
        MemberMailText.Contact(body, org, withPostalAddress: true);
        body.AppendLine();
        body.AppendLine($"送信日：{JapaneseText.ToWareki(JapaneseText.JstDate(now))}");
        body.AppendLine("処理状況は、受付時のメールにある状況確認ページでもご確認いただけます。");

        MailOutbox.Enqueue(db, Kind, request.Id, addressee.Email,
            $"【受付番号 {request.ReferenceNumber}】本人確認書類等の不備のお知らせ", body.ToString(), now);
        return true;
    }
}
