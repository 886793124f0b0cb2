using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Letters;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Web.Pages.Staff.Letters;
using PrivacyDesk.Web.Pages.Staff.Requests;
using PrivacyDesk.Tools.Seeding;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Letters;

/// <summary>Demo data at every stage yields every letter that applies to it, as the letters page would preview it.</summary>
public abstract class SeededLetterTests(AppFixture app)
{
    [Fact]
    public async Task Every_applicable_letter_of_every_seeded_request_renders_with_its_reference_number()
    {
        await app.WithScopeAsync(async services =>
            await ActivatorUtilities.CreateInstance<DemoSeeder>(services).SeedAsync(80, 11, null, CancellationToken.None));

        var seen = new HashSet<LetterKind>();
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Data.PrivacyDeskDbContext>();
            var issuer = services.GetRequiredService<LetterIssuer>();
            var workbench = services.GetRequiredService<RequestWorkbench>();
            var engine = services.GetRequiredService<LetterEngine>();
            foreach (var id in await db.Requests.Select(r => r.Id).ToListAsync())
            {
                var request = (await workbench.LoadAsync(id, CancellationToken.None))!;
                foreach (var availability in LetterIssuer.Applicable(request, await issuer.IssuedAsync(id, CancellationToken.None)))
                {
                    var text = LetterPdf.Text(engine.Render(availability.Kind, request, issuer.Today));
                    Assert.Contains(request.ReferenceNumber, text, StringComparison.Ordinal);
                    seen.Add(availability.Kind);
                }
            }
        });

        // The demo data covers the stages, so more than the acknowledgement comes out of it.
        Assert.Contains(LetterKind.Acknowledgement, seen);
        Assert.True(seen.Count >= 3, $"letters from demo data: {string.Join(", ", seen)}");
    }
}

public sealed class SeededLetterTestsOnSqlite(SqliteAppFixture app) : SeededLetterTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class SeededLetterTestsOnPostgres(PostgresAppFixture app) : SeededLetterTests(app), IClassFixture<PostgresAppFixture>;
