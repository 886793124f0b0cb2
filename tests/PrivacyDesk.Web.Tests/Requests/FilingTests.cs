using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>Each family × each requester type, through the real forms, to the receipt, the store and the mail.</summary>
public abstract class FilingTests(FormAppFixture app)
{
    public static TheoryData<RequestFamily, RequesterType> EveryFamilyAndRequester()
    {
        var data = new TheoryData<RequestFamily, RequesterType>();
        foreach (var family in Enum.GetValues<RequestFamily>())
        {
            foreach (var type in Enum.GetValues<RequesterType>())
            {
                data.Add(family, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFamilyAndRequester))]
    public async Task A_member_files_a_request_and_gets_a_receipt(RequestFamily family, RequesterType requesterType)
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(family, requesterType);

        var reference = receipt.QuerySelector("#reference-number")?.TextContent;
        var token = receipt.QuerySelector("#access-token")?.TextContent;
        Assert.Matches(@"^PD-\d{4}-\d{6}$", reference);
        Assert.False(string.IsNullOrWhiteSpace(token));
        Assert.Contains($"r={reference}", receipt.QuerySelector("#status-link")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(family == RequestFamily.Disclosure, receipt.QuerySelector("#fee-instructions") is not null);
        if (family == RequestFamily.Disclosure)
        {
            Assert.Contains("1,000円", receipt.QuerySelector("#fee-instructions")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(reference!.Replace("PD-", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal),
                receipt.QuerySelector("#fee-instructions")!.TextContent, StringComparison.Ordinal);
        }

        var stored = await app.WithDbAsync(db => db.Requests
            .Include(r => r.Principal).Include(r => r.Agent).Include(r => r.Documents)
            .SingleAsync(r => r.ReferenceNumber == reference));
        Assert.Equal(family, stored.Family);
        Assert.Equal(requesterType, stored.RequesterType);
        Assert.Equal(Channel.Online, stored.Channel);
        Assert.Equal(RequestStatus.Received, stored.Status);
        Assert.Equal("ヤマダ ハナコ", stored.Principal.FullNameKana);
        Assert.Equal("160-0022", stored.Principal.PostalCode);
        Assert.Equal(family == RequestFamily.Disclosure ? 1_000 : 0, stored.FeeDueYen);
        Assert.Empty(stored.MissingDocuments());
        // With an agent: the person's ID, the authority, the agent's passport and, beside it, the agent's 住民票の写し.
        Assert.Equal(requesterType == RequesterType.Principal ? 1 : 4, stored.Documents.Count);
        Assert.All(stored.Documents, d => Assert.Matches(@"^[0-9a-f]{32}\.(jpg|png|pdf)$", d.StoredFileName));
        if (requesterType != RequesterType.Principal)
        {
            Assert.Equal("サトウ ジロウ", stored.Agent!.FullNameKana);
            var authority = stored.Documents.Single(d => d.Role == DocumentRole.Authority);
            Assert.Equal(requesterType == RequesterType.VoluntaryAgent ? DocumentType.PowerOfAttorney : DocumentType.FamilyRegisterCopy, authority.Type);
            Assert.Equal(DocumentType.ResidentRecordCopy, stored.Documents.Single(d => d.Role == DocumentRole.AgentAddressProof).Type);
        }

        // Every filed document opens with the vault and is what the member sent, sanitised.
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PrivacyDesk.Web.Data.PrivacyDeskDbContext>();
            var vault = services.GetRequiredService<DocumentVault>();
            foreach (var document in stored.Documents)
            {
                var content = await db.DocumentContents.SingleAsync(c => c.DocumentId == document.Id);
                var plain = vault.Open(content);
                Assert.Equal(document.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(plain)));
            }
        });

        Assert.Equal(0, await app.WithDbAsync(db => db.UploadDrafts.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.RequestId == stored.Id && e.Action == "request.submitted")));
    }

    [Fact]
    public async Task The_acknowledgement_mail_reaches_the_requester_through_real_SMTP()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.Disclosure, RequesterType.VoluntaryAgent);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;
        var requestId = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        await app.WithScopeAsync(async services =>
        {
            var processor = services.GetRequiredService<OutboxProcessor>();
            for (var i = 0; i < 20 && await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.RequestId == requestId && m.SentAt == null)); i++)
            {
                await processor.ProcessDueAsync(CancellationToken.None);
            }
        });

        var mail = Assert.Single(app.Smtp.Received, m => (m.Message.Subject ?? string.Empty).Contains(reference, StringComparison.Ordinal));
        Assert.Equal(["jiro@example.jp"], mail.EnvelopeTo);
        var body = mail.Message.TextBody;
        Assert.Contains($"受付番号：{reference}", body, StringComparison.Ordinal);
        Assert.Contains($"/requests/status?r={reference}&t=", body, StringComparison.Ordinal);
        Assert.Contains("1,000円", body, StringComparison.Ordinal);
        Assert.Contains(ValidForm.AgentName, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_back_from_the_confirmation_keeps_every_entry_and_upload()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Correction);
        var (_, confirmation) = await session.ReviewAsync(RequestFamily.Correction, form,
            ValidForm.Fields(RequestFamily.Correction, RequesterType.VoluntaryAgent), ValidForm.Files(RequesterType.VoluntaryAgent));
        Assert.NotNull(confirmation.QuerySelector("input[name=State]"));
        Assert.Contains("入力内容の確認", confirmation.Title ?? string.Empty, StringComparison.Ordinal);

        using var back = await session.ConfirmAsync(RequestFamily.Correction, confirmation, "Edit");
        var edit = await Html.ParseAsync(back);
        Assert.Equal(ValidForm.PrincipalName, edit.QuerySelector("#Input_Principal_FullName")?.GetAttribute("value"));
        Assert.Equal("東京都新宿区新宿1-1-1", edit.QuerySelector("#Input_CurrentContent")?.TextContent);
        Assert.Equal(4, edit.QuerySelectorAll(".pd-uploaded").Length);

        // Submit again without choosing any file: the uploads made before are used.
        var (again, confirmAgain) = await session.ReviewAsync(RequestFamily.Correction, edit,
            ValidForm.Fields(RequestFamily.Correction, RequesterType.VoluntaryAgent), new Dictionary<string, Upload>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var done = await session.ConfirmAsync(RequestFamily.Correction, confirmAgain);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    [Fact]
    public async Task The_receipt_cannot_be_shown_twice()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var first = await session.FileAsync(RequestFamily.StopUse, RequesterType.Principal);
        Assert.NotNull(first.QuerySelector("#access-token"));
        var second = await session.Client.GetDocumentAsync("/requests/receipt");
        Assert.Null(second.QuerySelector("#access-token"));
        Assert.Contains("再表示できません", second.Text(), StringComparison.Ordinal);
    }
}

public sealed class FilingTestsOnSqlite(SqliteFormFixture app) : FilingTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class FilingTestsOnPostgres(PostgresFormFixture app) : FilingTests(app), IClassFixture<PostgresFormFixture>;
