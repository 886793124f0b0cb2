using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Documents;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>A file as a browser would send it.</summary>
public sealed record Upload(byte[] Bytes, string FileName, string ContentType)
{
    public static Upload Jpeg(string name = "licence.jpg") => new(SampleFiles.Jpeg(640, 400, SampleFiles.PhoneExif()), name, "image/jpeg");

    public static Upload Png(string name = "letter.png") => new(SampleFiles.Png(300, 420), name, "image/png");

    public static Upload Pdf(string name = "inin.pdf") => new(SampleFiles.Pdf(), name, "application/pdf");
}

/// <summary>
/// Drives the member's forms through real HTTP like a browser: GET the form (antiforgery cookie and token), POST
/// 「入力内容を確認する」 with fields and files, POST 「この内容で請求する」 from the confirmation page.
/// </summary>
public sealed class MemberSession(HttpClient client, string prefix = "/requests")
{
    public HttpClient Client { get; } = client;

    /// <summary>The form's URL: the member's under /requests, or postal intake under /staff/intake.</summary>
    public string PathOf(RequestFamily family) => family switch
    {
        RequestFamily.Disclosure => $"{prefix}/disclosure",
        RequestFamily.Correction => $"{prefix}/correction",
        _ => $"{prefix}/stop-use",
    };

    public async Task<IDocument> OpenAsync(RequestFamily family) => await Client.GetDocumentAsync(PathOf(family));

    /// <summary>POSTs the form as shown in <paramref name="form"/> with <paramref name="fields"/> and files.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> ReviewAsync(
        RequestFamily family, IDocument form, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, Upload> files)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.AntiforgeryToken()), "__RequestVerificationToken");
        var draftKey = form.QuerySelector("input[name='Input.DraftKey']")?.GetAttribute("value") ?? string.Empty;
        content.Add(new StringContent(draftKey), "Input.DraftKey");
        foreach (var (name, value) in fields)
        {
            foreach (var part in value.Split('|'))
            {
                content.Add(new StringContent(part), name);
            }
        }

        foreach (var (name, upload) in files)
        {
            var file = new ByteArrayContent(upload.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
            content.Add(file, name, upload.FileName);
        }

        var response = await Client.PostAsync(new Uri($"{PathOf(family)}?handler=Review", UriKind.Relative), content);
        return (response, await Html.ParseAsync(response));
    }

    /// <summary>Presses a button of the confirmation page ("Submit" or "Edit").</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(RequestFamily family, IDocument confirmation, string handler = "Submit")
    {
        var state = confirmation.QuerySelector("input[name=State]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("Not a confirmation page: " + confirmation.Text()[..Math.Min(400, confirmation.Text().Length)]);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirmation.AntiforgeryToken(),
            ["State"] = state,
        });
        return await Client.PostAsync(new Uri($"{PathOf(family)}?handler={handler}", UriKind.Relative), content);
    }

    /// <summary>The whole journey for a valid request; returns the receipt page.</summary>
    public async Task<IDocument> FileAsync(RequestFamily family, RequesterType requesterType, Action<Dictionary<string, string>>? edit = null)
    {
        var form = await OpenAsync(family);
        var fields = ValidForm.Fields(family, requesterType);
        edit?.Invoke(fields);
        var (review, confirmation) = await ReviewAsync(family, form, fields, ValidForm.Files(requesterType));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Null(confirmation.QuerySelector(".pd-error-summary"));
        using var submitted = await ConfirmAsync(family, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/requests/receipt", submitted.Headers.Location?.OriginalString);
        return await Client.GetDocumentAsync("/requests/receipt");
    }
}

/// <summary>A complete, valid form for each family and requester type, with realistic Japanese input.</summary>
public static class ValidForm
{
    public const string PrincipalName = "山田 花子";
    public const string AgentName = "佐藤 次郎";

    public static Dictionary<string, string> Fields(RequestFamily family, RequesterType requesterType)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var fields = new Dictionary<string, string>
        {
            ["Input.RequesterType"] = requesterType.ToString(),
            ["Input.Principal.FullName"] = PrincipalName,
            ["Input.Principal.FullNameKana"] = "やまだ　はなこ",
            ["Input.Principal.BirthDate.Year"] = "1980",
            ["Input.Principal.BirthDate.Month"] = "4",
            ["Input.Principal.BirthDate.Day"] = "1",
            ["Input.Principal.PostalCode"] = "１６０－００２２",
            ["Input.Principal.Prefecture"] = "東京都",
            ["Input.Principal.City"] = "新宿区新宿",
            ["Input.Principal.AddressLine"] = "6-24-20",
            ["Input.Principal.Phone"] = "03-5285-1771",
            ["Input.Principal.Email"] = "hanako@example.jp",
            ["Input.Principal.MemberNumber"] = "12345678",
            ["Input.Principal.MemberCoop"] = "生活クラブ東京",
            ["Input.DataDescription"] = "共同購入の利用履歴と組合員登録の内容",
            ["Input.PrincipalDocumentType"] = "DriversLicence",
            ["Input.Consent"] = "true",
        };
        switch (family)
        {
            case RequestFamily.Disclosure:
                fields["Input.Kinds"] = "Disclosure|ThirdPartyProvisionRecordDisclosure";
                fields["Input.Delivery"] = "Electronic";
                break;
            case RequestFamily.Correction:
                fields["Input.Kinds"] = "Correction";
                fields["Input.CurrentContent"] = "東京都新宿区新宿1-1-1";
                fields["Input.CorrectContent"] = "東京都新宿区新宿6-24-20";
                fields["Input.Delivery"] = "Post";
                break;
            default:
                fields["Input.Kinds"] = "StopOfUse";
                fields["Input.StopGrounds"] = "NoLongerNeeded|RightsAtRisk";
                fields["Input.Delivery"] = "Post";
                break;
        }

        if (requesterType != RequesterType.Principal)
        {
            fields["Input.Agent.FullName"] = AgentName;
            fields["Input.Agent.FullNameKana"] = "ｻﾄｳ ｼﾞﾛｳ";
            fields["Input.Agent.BirthDate.Year"] = "1975";
            fields["Input.Agent.BirthDate.Month"] = "12";
            fields["Input.Agent.BirthDate.Day"] = "31";
            fields["Input.Agent.PostalCode"] = "2230061";
            fields["Input.Agent.Prefecture"] = "神奈川県";
            fields["Input.Agent.City"] = "横浜市港北区日吉";
            fields["Input.Agent.AddressLine"] = "1-2-3";
            fields["Input.Agent.Phone"] = "090-1234-5678";
            fields["Input.Agent.Email"] = "jiro@example.jp";
            fields["Input.AgentDocumentType"] = "Passport";

            // A passport shows no address: the agent's comes from a 住民票の写し.
            fields["Input.AgentAddressProofType"] = "ResidentRecordCopy";
            fields["Input.AuthorityDocumentType"] = requesterType == RequesterType.VoluntaryAgent ? "PowerOfAttorney" : "FamilyRegisterCopy";
            if (requesterType == RequesterType.LegalRepresentative)
            {
                var issued = today.AddDays(-20);
                fields["Input.AuthorityIssuedOn.Year"] = issued.Year.ToString(CultureInfo.InvariantCulture);
                fields["Input.AuthorityIssuedOn.Month"] = issued.Month.ToString(CultureInfo.InvariantCulture);
                fields["Input.AuthorityIssuedOn.Day"] = issued.Day.ToString(CultureInfo.InvariantCulture);
            }
        }

        return fields;
    }

    public static Dictionary<string, Upload> Files(RequesterType requesterType) => requesterType == RequesterType.Principal
        ? new() { ["PrincipalDocument"] = Upload.Jpeg() }
        : new()
        {
            ["PrincipalDocument"] = Upload.Jpeg(),
            ["AuthorityDocument"] = Upload.Pdf(),
            ["AgentDocument"] = Upload.Png("passport.png"),
            ["AgentAddressProof"] = Upload.Pdf("juminhyo.pdf"),
        };
}
