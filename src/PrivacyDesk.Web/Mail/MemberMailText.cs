using System.Text;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Mail;

/// <summary>
/// The opening and the closing every mail to a member shares (acknowledgement, deficiency notice, letter notice), so
/// that the co-op's name, address and phone are written one way and changed in one place.
/// </summary>
public static class MemberMailText
{
    /// <summary>"〇〇 様", a blank line, then who is writing.</summary>
    public static void Greeting(StringBuilder body, string addresseeName, OrganizationOptions org)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(org);
        body.AppendLine($"{addresseeName} 様");
        body.AppendLine();
        body.AppendLine($"{org.Name} {org.Department}です。");
    }

    /// <summary>The contact block: postal address (when the member may have to post something), name and phone.</summary>
    public static void Contact(StringBuilder body, OrganizationOptions org, bool withPostalAddress)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(org);
        if (withPostalAddress)
        {
            body.AppendLine($"〒{org.PostalCode} {org.Address}");
        }

        body.AppendLine($"{org.Name} {org.Department}");
        body.AppendLine($"電話：{org.Phone}（{org.ReceptionHours}）");
    }

    /// <summary>The closing of a mail the member cannot answer: where to ask instead.</summary>
    public static void NoReplyFooter(StringBuilder body, OrganizationOptions org, bool withPostalAddress)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.AppendLine("このメールは送信専用です。お問い合わせは次の窓口までお願いします。");
        Contact(body, org, withPostalAddress);
    }
}
