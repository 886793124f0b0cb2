using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using PrivacyDesk.Web.Tests.Staff;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// Every view of personal data is recorded (ADR 0014). The pages are found from the app's own page descriptors, so a
/// page added later is classified here or fails: it either carries [AuditsPersonalDataRead] or is listed in
/// <see cref="NoPersonalData"/> with the reason. Each marked page is then fetched (a filed request behind it) and
/// must leave a new audit row with its code.
/// </summary>
public abstract class PersonalDataReadCoverageTests(AppFixture app)
{
    /// <summary>Pages that show no requester's data or document, by view path, with the reason.</summary>
    private static readonly Dictionary<string, string> NoPersonalData = new(StringComparer.Ordinal)
    {
        ["/Index"] = "the public landing page",
        ["/Error"] = "an error message",
        ["/Culture/Index"] = "switches the language",
        ["/Forms/Index"] = "blank request forms",
        ["/Staff/ThirdPartyRecords/Import"] = "the upload form; after an import it shows counts and the refused row's reason only, never a stored record",
        ["/Requests/Request"] = "the empty request form (what the member types is not stored data yet)",
        ["/Requests/Receipt"] = "the reference number and token just issued to the member filing",
        ["/Staff/Index"] = "the staff menu",
        ["/Staff/Account/AccessDenied"] = "a refusal",
        ["/Staff/Account/Enrol"] = "the staff member's own authenticator (sign-in events are audited as account events)",
        ["/Staff/Account/SignIn"] = "sign-in form (audited as account events)",
        ["/Staff/Account/SignOut"] = "sign-out (audited as an account event)",
        ["/Staff/Account/TwoFactor"] = "second-factor form (audited as account events)",
        ["/Staff/Admin/Accounts/Index"] = "staff accounts only, no requester's data (changes are account events)",
        ["/Staff/Admin/Accounts/Create"] = "staff accounts only, no requester's data",
        ["/Staff/Admin/Accounts/Edit"] = "staff accounts only, no requester's data",
        ["/Staff/Intake/Index"] = "the choice of postal form",
        ["/Staff/Intake/Request"] = "the empty postal intake form",
        ["/Staff/Requests/Deadline/Index"] = "the reference number and the deadline only (the extension is a request event)",
        ["/Staff/Requests/Closing/Index"] = "the reference number and status only (the rejection or withdrawal is a request event)",
        ["/Staff/Fees/Import"] = "the upload form; the import result it shows is recorded as the fee.bank_file_imported event",
        ["/Audit/Index"] = "the auditor's menu",
        ["/Audit/Statistics"] = "counts only",
        ["/Audit/Events/Index"] = "the event log: identifiers and codes (its CSV export is recorded, on OnGetCsvAsync)",
        ["/Audit/Verify"] = "the chain check's progress and result: counts and hashes; the check is recorded as audit.chain_verified when it ends (AuditVerifyPageTests)",
    };

    /// <summary>How to reach each marked page for the filed request (and its first document).</summary>
    private static readonly Dictionary<string, Func<Filed, string>> Urls = new(StringComparer.Ordinal)
    {
        ["/Staff/Queue/Index"] = _ => "/staff/queue",
        ["/Staff/Dashboard/Index"] = _ => "/staff/dashboard",
        ["/Staff/Requests/Detail/Index"] = f => $"/staff/requests/{f.Id}",
        ["/Staff/Requests/IdentityCheck/Index"] = f => $"/staff/requests/{f.Id}/identity-check",
        ["/Staff/Requests/Fee/Index"] = f => $"/staff/requests/{f.Id}/fee",
        ["/Staff/Requests/Decision/Index"] = f => $"/staff/requests/{f.Id}/decision",
        ["/Staff/Requests/Approval/Index"] = f => $"/staff/requests/{f.Id}/approval",
        ["/Staff/Requests/Document/Index"] = f => $"/staff/requests/{f.Id}/documents/{f.DocumentId}",
        ["/Staff/Requests/PostedDocuments/Index"] = f => $"/staff/requests/{f.Id}/documents",
        ["/Staff/Approvals/Index"] = _ => "/staff/approvals",
        ["/Staff/Fees/Index"] = _ => "/staff/fees",
        ["/Staff/Mail/Index"] = _ => "/staff/mail",
        ["/Staff/ThirdPartyRecords/Index"] = _ => "/staff/third-party-records",
        ["/Staff/Letters/Index"] = f => $"/staff/requests/{f.Id}/letters",
        ["/Staff/Requests/Contact/Index"] = f => $"/staff/requests/{f.Id}/contact",
        ["/Staff/Requests/StatusCode/Index"] = f => $"/staff/requests/{f.Id}/status-code",
        ["/Requests/Status"] = f => $"/requests/status?r={f.Reference}&t={Uri.EscapeDataString(f.Token)}",
        ["/Audit/Requests/Index"] = _ => "/audit/requests",
        ["/Audit/Requests/Timeline"] = f => $"/audit/requests/{f.Id}",
    };

    public sealed record Filed(Guid Id, string Reference, string Token, Guid DocumentId);

    public sealed record PageInfo(string Path, TypeInfo Model, AuditsPersonalDataReadAttribute? Marked);

    private async Task<IReadOnlyList<PageInfo>> PagesAsync()
    {
        var services = app.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var pages = new List<PageInfo>();
        foreach (var descriptor in services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>())
        {
            var compiled = await loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty);
            var model = compiled.HandlerTypeInfo;
            pages.Add(new PageInfo(descriptor.ViewEnginePath, model, model.GetCustomAttribute<AuditsPersonalDataReadAttribute>()));
        }

        return pages.DistinctBy(p => p.Path).ToList();
    }

    [Fact]
    public async Task Every_page_is_classified_and_every_page_with_personal_data_is_marked()
    {
        var pages = await PagesAsync();
        Assert.True(pages.Count >= 25, $"only {pages.Count} pages found: the enumeration itself is broken");

        var problems = new List<string>();
        foreach (var page in pages)
        {
            var unmarked = page.Marked is null;
            if (unmarked && !NoPersonalData.ContainsKey(page.Path))
            {
                problems.Add($"{page.Path} ({page.Model.FullName}) is neither marked nor listed. If it shows a requester's data or a " +
                             "document, add [AuditsPersonalDataRead(AuditActions.…ViewedCode)] to its PageModel (a read code of " +
                             "src/PrivacyDesk.Web/Audit/AuditActions.cs) and its URL to Urls in this test; if it shows none, add it to " +
                             "NoPersonalData in this test with the reason.");
            }

            if (!unmarked && NoPersonalData.ContainsKey(page.Path))
            {
                problems.Add($"{page.Path} is marked but also listed in NoPersonalData: remove it from the list.");
            }

            if (!unmarked && !Urls.ContainsKey(page.Path))
            {
                problems.Add($"{page.Path} is marked: add how to reach it to Urls in this test, so that its GET is checked for an audit row.");
            }

            foreach (var marked in page.Model.GetMethods().Select(m => m.GetCustomAttribute<AuditsPersonalDataReadAttribute>()).Append(page.Marked).OfType<AuditsPersonalDataReadAttribute>())
            {
                if (!AuditActions.Reads.Contains(marked.Action))
                {
                    problems.Add($"{page.Path} names \"{marked.Action}\", which is not a read code: add it to AuditActions.Reads, with a label.");
                }
            }
        }

        foreach (var listed in NoPersonalData.Keys.Concat(Urls.Keys).Where(k => pages.All(p => p.Path != k)))
        {
            problems.Add($"{listed} is listed in this test but is no longer a page: remove it.");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public static TheoryData<string> MarkedPages() => [.. Urls.Keys];

    [Theory]
    [MemberData(nameof(MarkedPages))]
    public async Task A_get_of_a_page_with_personal_data_leaves_an_audit_row(string path)
    {
        var page = (await PagesAsync()).Single(p => p.Path == path);
        Assert.True(page.Marked is not null,
            $"{path} shows personal data but its PageModel has no [AuditsPersonalDataRead(...)]: add it (src/PrivacyDesk.Web/Audit/PersonalDataReads.cs).");
        var filed = await FileAsync();
        using var session = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;

        using var response = await session.Client.GetAsync(new Uri(Urls[path](filed), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Id > before && e.Action == page.Marked.Action).ToListAsync());
        var row = Assert.Single(rows);
        if (path == "/Requests/Status")
        {
            Assert.Equal(PrivacyRequest.MemberActor, row.ActorId);
        }
        else
        {
            Assert.Equal(session.UserId, row.ActorId);
        }

        if (Urls[path](filed).Contains(filed.Id.ToString(), StringComparison.Ordinal) || path == "/Requests/Status")
        {
            Assert.Equal(filed.Id, row.RequestId);
        }
    }

    [Fact]
    public async Task A_miss_leaves_no_read_row()
    {
        using var session = await StaffSignIn.SignInAsync(app, StaffRoles.Admin);
        var before = await app.WithDbAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)) ?? 0;

        using var missing = await session.Client.GetAsync(new Uri($"/staff/requests/{Guid.NewGuid()}", UriKind.Relative));
        using var wrongToken = await session.Client.GetAsync(new Uri("/requests/status?r=PD-2026-999999&t=wrong-token-123", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id > before && e.Action != AuditActions.SignedIn).Select(e => e.Action).ToListAsync()));
    }

    private async Task<Filed> FileAsync()
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Disclosure, RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var token = receipt.QuerySelector("#access-token")!.TextContent.Trim();
        return await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.Include(r => r.Documents).SingleAsync(r => r.ReferenceNumber == reference);
            return new Filed(request.Id, reference, token, request.Documents[0].Id);
        });
    }
}

public sealed class PersonalDataReadCoverageTestsOnSqlite(StaffSqliteAppFixture app) : PersonalDataReadCoverageTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class PersonalDataReadCoverageTestsOnPostgres(StaffPostgresAppFixture app) : PersonalDataReadCoverageTests(app), IClassFixture<StaffPostgresAppFixture>;
