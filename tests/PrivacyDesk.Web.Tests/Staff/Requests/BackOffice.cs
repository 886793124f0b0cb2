using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;

namespace PrivacyDesk.Web.Tests.Staff.Requests;

/// <summary>
/// Drives the back-office request pages like a browser: open a page, fill its form, post it with the page's
/// antiforgery token and the version it showed.
/// </summary>
public static class BackOffice
{
    public static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Files a request through the member's real form and returns its id and reference number.</summary>
    public static async Task<(Guid Id, string Reference)> FileAsync(AppFixture app, RequestFamily family, RequesterType type = RequesterType.Principal)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(family, type);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference);
    }

    /// <summary>
    /// POSTs the form <paramref name="formSelector"/> of <paramref name="page"/> to <paramref name="url"/>: its hidden
    /// fields (antiforgery token, version) plus <paramref name="fields"/>, which may repeat a name (checkboxes).
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, string url, IDocument page, string formSelector, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(page);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on the page: {page.Text()[..Math.Min(600, page.Text().Length)]}");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .Where(kv => kv.Key is not null)
            .ToList();
        if (values.All(kv => kv.Key != "__RequestVerificationToken"))
        {
            values.Add(new("__RequestVerificationToken", page.AntiforgeryToken()));
        }

        values.AddRange(fields);
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    public static async Task<RequestStatus> StatusAsync(AppFixture app, Guid id) =>
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    public static async Task<int> VersionAsync(AppFixture app, Guid id) =>
        await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Version).SingleAsync());

    public static async Task<List<string>> ActionsAsync(AppFixture app, Guid id) =>
        await app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    /// <summary>Ticks every checklist box shown on the ID check page and accepts.</summary>
    public static async Task<HttpResponseMessage> AcceptIdentityAsync(HttpClient client, Guid id)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/identity-check");
        var items = page.QuerySelectorAll("input[name='Input.Confirmed']").Select(i => F("Input.Confirmed", i.GetAttribute("value")!));
        return await PostAsync(client, $"/staff/requests/{id}/identity-check?handler=Accept", page, "#identity-form", items);
    }

    public static async Task<HttpResponseMessage> PayAsync(HttpClient client, Guid id, int amount = 1000, string? date = null)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/fee");
        return await PostAsync(client, $"/staff/requests/{id}/fee", page, "#fee-form",
        [
            F("Input.Kind", "Payment"), F("Input.AmountYen", amount.ToString(CultureInfo.InvariantCulture)),
            F("Input.PaidOn", date ?? Today), F("Input.Method", "BankTransfer"), F("Input.PayerName", "ﾔﾏﾀﾞ ﾊﾅｺ"),
        ]);
    }

    /// <summary>
    /// Enters a decision: <paramref name="perKind"/> gives, for each kind shown, the fields of its row;
    /// <paramref name="disclosedContent"/> is the personal data disclosed (the Disclosure kind's content). A records kind
    /// that discloses gets every matching record the page lists ticked, as staff would, unless its fields name some.
    /// </summary>
    public static async Task<HttpResponseMessage> DecideAsync(
        HttpClient client, Guid id, Func<RequestKind, IEnumerable<(string Field, string Value)>> perKind, string? disclosedContent = null)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/decision");
        var fields = new List<KeyValuePair<string, string>>();
        var kinds = page.QuerySelectorAll("input[type=hidden][name$='.Kind']").ToList();
        foreach (var kindInput in kinds)
        {
            var prefix = kindInput.GetAttribute("name")![..^".Kind".Length];
            var kind = Enum.Parse<RequestKind>(kindInput.GetAttribute("value")!);
            var own = perKind(kind).ToList();
            fields.AddRange(own.Select(f => F($"{prefix}.{f.Field}", f.Value)));
            if (kind == RequestKind.Disclosure && disclosedContent is not null)
            {
                fields.Add(F($"{prefix}.Content", disclosedContent));
            }

            if (kind == RequestKind.ThirdPartyProvisionRecordDisclosure && own.Any(f => f is ("Outcome", "FullDisclosure" or "PartialDisclosure"))
                && own.All(f => f.Field != "ProvisionRecordIds"))
            {
                fields.AddRange(page.QuerySelectorAll($"input[name='{prefix}.ProvisionRecordIds']").Select(i => F($"{prefix}.ProvisionRecordIds", i.GetAttribute("value")!)));
            }

            if (kind == RequestKind.PurposeOfUseNotice)
            {
                // The purposes the page filled in (the configured ones), as staff leave them.
                var purposes = page.QuerySelector($"textarea[name='{prefix}.Content']")?.TextContent;
                if (purposes is not null && own.All(f => f.Field != "Content"))
                {
                    fields.Add(F($"{prefix}.Content", purposes));
                }
            }
        }

        // Hidden inputs of the form include each row's kind.
        return await PostAsync(client, $"/staff/requests/{id}/decision", page, "#decision-form", fields);
    }

    /// <summary>
    /// A provision record in the register about the principal of <see cref="MemberForms"/> (member number 12345678,
    /// ヤマダ ハナコ born 1980-04-01), imported through the importer as the page does; <paramref name="recipient"/> varies it.
    /// </summary>
    public static async Task RecordProvisionAsync(AppFixture app, string recipient = "株式会社みらい損害保険", string items = "氏名、住所、電話番号")
    {
        ArgumentNullException.ThrowIfNull(app);
        var csv = "区分,提供日,相手方の名称,相手方の住所,代表者の氏名,法人,組合員番号,本人の氏名,本人のフリガナ,本人の生年月日,個人データの項目,根拠\n"
                  + $"提供,2026-04-01,{recipient},東京都千代田区丸の内1-1-1,見本 一郎,はい,12345678,山田 花子,ヤマダ ハナコ,1980-04-01,\"{items}\",同意\n";
        await app.WithScopeAndReturnAsync(services => services.GetRequiredService<PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords.ProvisionRecordImporter>()
            .ImportAsync(System.Text.Encoding.UTF8.GetBytes(csv), "test-staff", "Staff", CancellationToken.None));
    }

    public static async Task<HttpResponseMessage> ApproveAsync(HttpClient client, Guid id)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/approval");
        return await PostAsync(client, $"/staff/requests/{id}/approval?handler=Approve", page, "#approve-form", []);
    }

    /// <summary>
    /// Issues every result letter the letters page offers (not the acknowledgement, fee or deficiency letters), one
    /// at a time as staff would, until the request closes; returns the kinds issued.
    /// </summary>
    public static async Task<List<string>> IssueResultLettersAsync(AppFixture app, HttpClient client, Guid id)
    {
        string[] notices = ["acknowledgement", "fee-notice", "deficiency"];
        var issued = new List<string>();
        for (var round = 0; round < 6 && await StatusAsync(app, id) != RequestStatus.Closed; round++)
        {
            var page = await client.GetDocumentAsync($"/staff/requests/{id}/letters");
            var form = page.QuerySelectorAll("form.pd-letter-issue")
                .FirstOrDefault(f => !notices.Contains(f.QuerySelector("input[name=kind]")?.GetAttribute("value")) && !issued.Contains(f.QuerySelector("input[name=kind]")!.GetAttribute("value")!));
            Assert.NotNull(form);
            var kind = form.QuerySelector("input[name=kind]")!.GetAttribute("value")!;
            using var content = new FormUrlEncodedContent(
            [
                F("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? page.AntiforgeryToken()),
                F("kind", kind),
                F("version", form.QuerySelector("input[name=version]")!.GetAttribute("value")!),
            ]);
            using var response = await client.PostAsync(new Uri($"/staff/requests/{id}/letters?handler=Issue", UriKind.Relative), content);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"issuing {kind}: {(int)response.StatusCode}");
            issued.Add(kind);
        }

        return issued;
    }

    public static void Redirected(HttpResponseMessage response, string? to = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            // The page's own messages say why; the head of the HTML (the layout) would not.
            var html = response.Content.ReadAsStringAsync().Result;
            var messages = System.Text.RegularExpressions.Regex.Matches(html, "class=\"pd-error[^\"]*\"[^>]*>(.*?)</", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => m.Groups[1].Value.Trim());
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {string.Join(" / ", messages)}\n{html[..Math.Min(1500, html.Length)]}");
        }

        if (to is not null)
        {
            Assert.StartsWith(to, StaffSignIn.Location(response), StringComparison.Ordinal);
        }
    }
}
