using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Letters;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Contact;

/// <summary>
/// 確認用コードの再発行 and the postal acknowledgement with its code, over real HTTP on each provider (ADR 0024): a
/// required, confirmed identity check; the old code refused at once; the new one by mail (outbox) or printed on a letter
/// whose stored copy has it masked; a replayed form issues nothing; a postal request's acknowledgement prints a code
/// that works, once.
/// </summary>
public abstract partial class StatusCodeReissueTests(AppFixture app)
{
    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){4}")]
    private static partial Regex Code();

    private static string Url(Guid id) => $"/staff/requests/{id}/status-code";

    private async Task<bool> WorksAsync(string reference, string code)
    {
        using var member = app.Factory.CreateBrowserClient();
        var page = await member.GetDocumentAsync($"/requests/status?r={Uri.EscapeDataString(reference)}&t={Uri.EscapeDataString(code)}");
        return page.QuerySelector("#status-summary") is not null;
    }

    private async Task<(Guid Id, string Reference, string Token)> FileAsync()
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Correction, RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference, receipt.QuerySelector("#access-token")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_code_reissued_by_mail_replaces_the_old_one_and_a_replayed_form_issues_nothing()
    {
        var (id, reference, old) = await FileAsync();
        Assert.True(await WorksAsync(reference, old));
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync(Url(id));

        // Without the confirmation of the identity check: refused in Japanese, nothing changes.
        var version = await VersionAsync(app, id);
        using (var refused = await PostAsync(staff.Client, Url(id), page, "#reissue-form", [F("Reissue.VerifiedBy", "CalledBackRegisteredPhone"), F("Reissue.Via", "Mail")]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("確認したことにチェックしてください", (await Html.ParseAsync(refused)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(version, await VersionAsync(app, id));
        Assert.True(await WorksAsync(reference, old));

        IEnumerable<KeyValuePair<string, string>> form = [F("Reissue.VerifiedBy", "CalledBackRegisteredPhone"), F("Reissue.Confirmed", "true"), F("Reissue.Via", "Mail")];
        Redirected(await PostAsync(staff.Client, Url(id), page, "#reissue-form", form), $"/staff/requests/{id}");
        Assert.False(await WorksAsync(reference, old));

        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.RequestId == id && m.Kind == "request.status_code"));
        Assert.DoesNotMatch(Code(), mail.Subject);
        var code = Code().Match(app.OpenBody(mail)).Value;
        Assert.NotEmpty(code);
        Assert.True(await WorksAsync(reference, code));
        Assert.True(await WorksAsync(reference, code.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal)));

        // The audit row says how the caller was checked and how the code went, never the code.
        var row = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.RequestId == id && e.Action == "request.status_code_reissued"));
        Assert.Contains("CalledBackRegisteredPhone", row.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(code[..4], row.Details ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(staff.UserId, row.ActorId);

        // The same form again (a replay, its old version): 409, no second code, no second mail.
        var hash = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.AccessTokenHash).SingleAsync());
        using (var replay = await PostAsync(staff.Client, Url(id), page, "#reissue-form", form))
        {
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        }

        Assert.Equal(hash, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.AccessTokenHash).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.RequestId == id && m.Kind == "request.status_code")));
        Assert.True(await WorksAsync(reference, code));
    }

    [Fact]
    public async Task A_code_reissued_by_post_is_printed_once_and_the_kept_copy_has_it_masked()
    {
        var (id, reference, old) = await FileAsync();
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync(Url(id));
        using var response = await PostAsync(staff.Client, Url(id), page, "#reissue-form",
            [F("Reissue.VerifiedBy", "RegisteredDetailsMatched"), F("Reissue.Confirmed", "true"), F("Reissue.Via", "Post")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var printed = LetterPdf.Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("確認用コードのお知らせ", printed, StringComparison.Ordinal);
        var code = Code().Match(printed).Value;
        Assert.NotEmpty(code);
        Assert.True(await WorksAsync(reference, code));
        Assert.False(await WorksAsync(reference, old));

        var letter = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == id && l.Kind == "status-code"));
        var kept = app.OpenPdf(letter);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(kept)), letter.Sha256);
        var keptText = LetterPdf.Text(kept);
        Assert.DoesNotMatch(Code(), keptText);
        Assert.Contains("控えには印字しません", keptText, StringComparison.Ordinal);
        Assert.Contains("letter.issued", await ActionsAsync(app, id));
    }

    [Fact]
    public async Task A_postal_request_gets_its_code_printed_on_the_acknowledgement_once()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var session = new MemberSession(staff.Client, "/staff/intake");
        var form = await session.OpenAsync(RequestFamily.StopUse);
        var fields = ValidForm.Fields(RequestFamily.StopUse, RequesterType.Principal);
        fields.Remove("Input.Principal.Email");
        fields.Remove("Input.Consent");
        var arrived = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(-1);
        fields["Input.ReceivedOn.Year"] = arrived.Year.ToString(CultureInfo.InvariantCulture);
        fields["Input.ReceivedOn.Month"] = arrived.Month.ToString(CultureInfo.InvariantCulture);
        fields["Input.ReceivedOn.Day"] = arrived.Day.ToString(CultureInfo.InvariantCulture);
        var (_, confirmation) = await session.ReviewAsync(RequestFamily.StopUse, form, fields, ValidForm.Files(RequesterType.Principal));
        using var filed = await session.ConfirmAsync(RequestFamily.StopUse, confirmation);
        var location = filed.Headers.Location!.OriginalString;
        var reference = Uri.UnescapeDataString(location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        var done = await staff.Client.GetDocumentAsync(location);
        var print = done.QuerySelector("#acknowledgement-form")!;
        Assert.Equal($"/staff/requests/{id}/status-code?handler=Acknowledgement", print.GetAttribute("action"));
        using var pdf = await PostAsync(staff.Client, print.GetAttribute("action")!, done, "#acknowledgement-form", []);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = LetterPdf.Text(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("受付のお知らせ", text, StringComparison.Ordinal);
        var code = Code().Match(text).Value;
        Assert.NotEmpty(code);
        Assert.True(await WorksAsync(reference, code));

        // The kept copy has the code masked; a second print gets nothing.
        var letter = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == id && l.Kind == "acknowledgement"));
        Assert.DoesNotMatch(Code(), LetterPdf.Text(app.OpenPdf(letter)));
        using var again = await PostAsync(staff.Client, print.GetAttribute("action")!, done, "#acknowledgement-form", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Single(await app.WithDbAsync(db => db.Letters.Where(l => l.RequestId == id).ToListAsync()));
    }
}

public sealed class StatusCodeReissueTestsOnSqlite(StaffSqliteAppFixture app) : StatusCodeReissueTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class StatusCodeReissueTestsOnPostgres(StaffPostgresAppFixture app) : StatusCodeReissueTests(app), IClassFixture<StaffPostgresAppFixture>;
