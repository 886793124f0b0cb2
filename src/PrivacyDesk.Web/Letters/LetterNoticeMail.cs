using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Letters;

/// <summary>
/// Tells a member who chose electronic delivery that a letter is waiting on their status page. The letter itself is
/// never mailed, and the mail carries no more personal data than the acknowledgement mail (name and reference number).
/// </summary>
public sealed class LetterNoticeMail(PrivacyDeskDbContext db, IOptions<OrganizationOptions> organization)
{
    public const string Kind = "letter.issued";

    /// <summary>Queues the notice in the caller's unit of work; false when the member gave no email address.</summary>
    public bool Enqueue(PrivacyRequest request, LetterKind letter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var to = (request.Agent ?? request.Principal).Email;
        if (string.IsNullOrWhiteSpace(to))
        {
            return false;
        }

        var org = organization.Value;
        var body = new System.Text.StringBuilder();
        MemberMailText.Greeting(body, (request.Agent ?? request.Principal).FullName, org);
        body.AppendLine($"受付番号 {request.ReferenceNumber} のご請求について、「{LetterKinds.Title(letter).Japanese}」を発行しました。");
        if (letter == LetterKind.DelayNotice && request.DeadlineExtendedTo is { } newDate)
        {
            // The new date is what the member needs at once; the reason is in the letter on the status page.
            body.AppendLine($"誠に申し訳ございませんが、回答予定日を{JapaneseText.ToWareki(newDate)}に変更させていただきます。延長の理由は、お知らせの書面でご確認ください。");
        }

        else if (letter == LetterKind.Reminder && request.ClosesIfUnansweredOn is { } closesOn)
        {
            body.AppendLine($"{(request.Status == RequestStatus.AwaitingFee ? "手数料のご入金" : "本人確認書類等のご提出")}を確認できておりません。{JapaneseText.ToWareki(closesOn)}までに確認できない場合は、ご請求の手続きを終了させていただきます。");
        }
        else if (ClosingLine(letter) is { } line)
        {
            body.AppendLine(line);
        }

        body.AppendLine();
        body.AppendLine("次の状況確認ページで、受付番号と確認用コード（受付時のメールに記載）を入力し、PDFをダウンロードしてください。");
        body.AppendLine($"{org.PublicBaseUrl.TrimEnd('/')}/requests/status");
        body.AppendLine();
        MemberMailText.NoReplyFooter(body, org, withPostalAddress: false);
        var subject = letter switch
        {
            LetterKind.DelayNotice => $"【受付番号 {request.ReferenceNumber}】回答予定日変更のお知らせ",
            LetterKind.RejectionNotice or LetterKind.WithdrawalConfirmation or LetterKind.Reminder or LetterKind.AbandonmentNotice =>
                $"【受付番号 {request.ReferenceNumber}】{LetterKinds.Title(letter).Japanese}",
            _ => $"【受付番号 {request.ReferenceNumber}】回答書類を発行しました",
        };
        MailOutbox.Enqueue(db, Kind, request.Id, to, subject, body.ToString(), now);
        return true;
    }

    /// <summary>What the closing notices say at once; the reason itself stays in the letter on the status page.</summary>
    private static string? ClosingLine(LetterKind letter) => letter switch
    {
        LetterKind.RejectionNotice => "誠に申し訳ございませんが、ご請求に応じることができませんでした。理由は、通知書でご確認ください。",
        LetterKind.WithdrawalConfirmation => "ご請求の取下げを受け付け、手続きを終了しました。お心当たりのない場合は、お問い合わせ窓口までご連絡ください。",
        LetterKind.AbandonmentNotice => "ご案内した期日までに手数料又は書類を確認できなかったため、ご請求の手続きを終了しました。",
        _ => null,
    };
}
