using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Pages.Requests.Form;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// Two app instances on one PostgreSQL database, as behind a load balancer, and 32 members submitting at once through
/// the real forms (form, review with documents, submit, receipt). Every answer is 2xx (after the form's redirect), and
/// the reference numbers of the year are unique and gap-free: the counter row is locked only for the final writes.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class ConcurrentIntakeTests : IAsyncLifetime
{
    private const int Submissions = 200;
    private const int Submitters = 32;

    private TestDatabase? database;

    public async Task InitializeAsync() => database = await TestDatabase.CreatePostgresAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>What two instances of one deployment share: the database, the documents' master key, and no rate limit in the way.</summary>
    private static Dictionary<string, string?> SharedSettings() => new()
    {
        ["Documents:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["AbuseProtection:PostsPerMinute"] = "1000000",
        ["AbuseProtection:StatusLookupsPerMinute"] = "1000000",
        ["Smtp:Enabled"] = "false",
    };

    [Fact]
    public async Task Thirty_two_members_on_two_instances_all_get_a_receipt_and_gap_free_reference_numbers()
    {
        var settings = SharedSettings();
        await using var first = new PrivacyDeskFactory(database!, settings);
        _ = first.Server; // the first one migrates the empty database
        await using var second = new PrivacyDeskFactory(database!, settings);
        _ = second.Server;
        var instances = new[] { first, second };

        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.VoluntaryAgent);
        var files = ValidForm.Files(RequesterType.VoluntaryAgent); // made once: the bodies are the same for everyone
        var failures = new ConcurrentBag<string>();
        var references = new ConcurrentBag<string>();
        var next = -1;

        async Task SubmitterAsync(int submitter)
        {
            var instance = instances[submitter % instances.Length];
            while (Interlocked.Increment(ref next) < Submissions)
            {
                var session = new MemberSession(instance.CreateBrowserClient());
                using var get = await session.Client.GetAsync(new Uri(session.PathOf(RequestFamily.Disclosure), UriKind.Relative));
                if (!get.IsSuccessStatusCode)
                {
                    failures.Add($"form {(int)get.StatusCode}");
                    continue;
                }

                var (review, confirmation) = await session.ReviewAsync(RequestFamily.Disclosure, await Html.ParseAsync(get), fields, files);
                if (!review.IsSuccessStatusCode || confirmation.QuerySelector("input[name=State]") is null)
                {
                    failures.Add($"review {(int)review.StatusCode}");
                    continue;
                }

                using var submitted = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation);
                if (submitted.StatusCode != HttpStatusCode.Redirect || submitted.Headers.Location is not { } location)
                {
                    failures.Add($"submit {(int)submitted.StatusCode}");
                    continue;
                }

                using var receipt = await session.Client.GetAsync(location);
                var page = await Html.ParseAsync(receipt);
                if (!receipt.IsSuccessStatusCode || page.QuerySelector("#reference-number")?.TextContent is not { } reference)
                {
                    failures.Add($"receipt {(int)receipt.StatusCode}");
                    continue;
                }

                references.Add(reference);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Submitters).Select(s => Task.Run(() => SubmitterAsync(s))));

        Assert.Empty(failures);
        Assert.Equal(Submissions, references.Count);
        Assert.Equal(Submissions, references.Distinct(StringComparer.Ordinal).Count());

        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var stored = await db.Requests.AsNoTracking().Select(r => r.ReferenceNumber).ToListAsync();
        Assert.Equal(references.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

        // Gap-free per year: 1..n, and the counter stands at n (nothing was taken and given back out of order).
        foreach (var year in stored.GroupBy(r => int.Parse(r.AsSpan(3, 4), System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.Equal(Enumerable.Range(1, year.Count()).Select(i => ReferenceNumber.Format(year.Key, i)), year.Order(StringComparer.Ordinal));
            Assert.Equal(year.Count(), await db.ReferenceCounters.Where(c => c.Year == year.Key).Select(c => c.LastValue).SingleAsync());
        }

        // Nothing half-written: every request has its three documents and their contents, one acknowledgement, one event.
        Assert.Equal(Submissions * files.Count, await db.Documents.CountAsync());
        Assert.Equal(Submissions * files.Count, await db.DocumentContents.CountAsync());
        Assert.Equal(Submissions, await db.Outbox.CountAsync(m => m.Kind == AcknowledgementMail.Kind));
        Assert.Equal(Submissions, await db.AuditEvents.CountAsync(e => e.Action == "request.submitted"));
        Assert.Equal(0, await db.UploadDrafts.CountAsync());
    }
}
