using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Providers;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Pages.Requests.Form;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// Throws the provider's own transient exception (PostgreSQL "lock not available", SQLite "database is locked") from
/// chosen commands, a set number of times, before they reach the database.
/// </summary>
public sealed class FailingCommands(string provider) : DbCommandInterceptor
{
    private Func<DbCommand, bool> matches = _ => false;
    private int remaining;
    private int thrown;

    public int Thrown => Volatile.Read(ref thrown);

    public void Fail(string commandTextPart, int times)
    {
        matches = c => c.CommandText.Contains(commandTextPart, StringComparison.Ordinal);
        Volatile.Write(ref remaining, times);
    }

    public void Stop() => Volatile.Write(ref remaining, 0);

    public Exception Transient() => provider == "Postgres"
        ? new PostgresException("simulated: could not obtain lock on row", "ERROR", "ERROR", PostgresErrorCodes.LockNotAvailable)
        : new SqliteException("simulated: database is locked", SQLitePCL.raw.SQLITE_BUSY);

    private void Check(DbCommand command)
    {
        if (matches(command) && Interlocked.Decrement(ref remaining) >= 0)
        {
            Interlocked.Increment(ref thrown);
            throw Transient();
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// A transient database failure during a submission is retried by the execution strategy; one that outlasts the
/// retries is answered 503 with the confirmation step and "nothing was stored, please send again", and nothing is
/// stored: no request, document, mail, event or reference number. Pressing send again then files it.
/// </summary>
public abstract class TransientFailureTests(FormAppFixture app) : IDisposable
{
    private const string InsertRequest = "INSERT INTO \"Requests\"";

    private readonly FailingCommands failing = new(app.ProviderName);
    private WebApplicationFactory<Program>? instance;

    /// <summary>An instance of the app on the fixture's database whose commands pass through <see cref="failing"/>, retrying quickly.</summary>
    private WebApplicationFactory<Program> Instance => instance ??= app.Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Database:MaxRetryCount", "2");
        builder.UseSetting("Database:MaxRetryDelay", "00:00:00.050");
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteDbContext>(o => o.AddInterceptors(failing));
            services.ConfigureDbContext<PostgresDbContext>(o => o.AddInterceptors(failing));
        });
    });

    public void Dispose()
    {
        instance?.Dispose();
        GC.SuppressFinalize(this);
    }

    private MemberSession NewSession() =>
        new(Instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private static long Sequence(string reference) => long.Parse(reference.AsSpan(reference.Length - 6), System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Counts(int Requests, int Documents, int Contents, int Mails, int Events, long Counter);

    private Task<Counts> CountAsync() => app.WithDbAsync(async db => new Counts(
        await db.Requests.CountAsync(),
        await db.Documents.CountAsync(),
        await db.DocumentContents.CountAsync(),
        await db.Outbox.CountAsync(m => m.Kind == AcknowledgementMail.Kind),
        await db.AuditEvents.CountAsync(e => e.Action == "request.submitted"),
        await db.ReferenceCounters.SumAsync(c => (long?)c.LastValue) ?? 0));

    private static async Task<AngleSharp.Dom.IDocument> ReviewedAsync(MemberSession session)
    {
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var (review, confirmation) = await session.ReviewAsync(RequestFamily.Disclosure, form,
            ValidForm.Fields(RequestFamily.Disclosure, RequesterType.VoluntaryAgent), ValidForm.Files(RequesterType.VoluntaryAgent));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.NotNull(confirmation.QuerySelector("input[name=State]"));
        return confirmation;
    }

    [Fact]
    public void The_simulated_failure_is_one_the_provider_calls_transient()
    {
        var exception = failing.Transient();
        Assert.True(exception is NpgsqlException { IsTransient: true } || StoreResilience.IsSqliteBusy(exception));
    }

    [Fact]
    public async Task A_transient_failure_while_filing_is_retried_and_the_request_is_filed_once_with_the_next_number()
    {
        var session = NewSession();
        var confirmation = await ReviewedAsync(session);
        var before = await CountAsync();

        failing.Fail(InsertRequest, times: 1);
        using var submitted = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation);
        failing.Stop();

        Assert.Equal(1, failing.Thrown);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var receipt = await session.Client.GetDocumentAsync("/requests/receipt");
        var reference = receipt.QuerySelector("#reference-number")?.TextContent;

        // The failed attempt's number was rolled back with it: the retry took the same one, and nothing is doubled (the
        // agent's form sends four documents: the person's ID, the 委任状, the agent's passport and its proof of address).
        var after = await CountAsync();
        Assert.Equal(before with { Requests = before.Requests + 1, Documents = before.Documents + 4, Contents = before.Contents + 4, Mails = before.Mails + 1, Events = before.Events + 1, Counter = before.Counter + 1 }, after);
        Assert.Equal(after.Counter, Sequence(reference!));
    }

    [Fact]
    public async Task A_failure_that_outlasts_the_retries_is_a_503_with_the_entries_kept_and_nothing_stored()
    {
        var session = NewSession();
        var confirmation = await ReviewedAsync(session);
        var before = await CountAsync();
        var drafts = await app.WithDbAsync(db => db.UploadDrafts.CountAsync());

        failing.Fail(InsertRequest, times: int.MaxValue);
        using var submitted = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation);
        failing.Stop();

        Assert.Equal(3, failing.Thrown); // the first try and two retries
        Assert.Equal(HttpStatusCode.ServiceUnavailable, submitted.StatusCode);
        var page = await Html.ParseAsync(submitted);
        Assert.Contains("請求は登録されていません", page.QuerySelector(".pd-error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("もう一度送信してください", page.QuerySelector(".pd-error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(ValidForm.PrincipalName, page.Text(), StringComparison.Ordinal);

        Assert.Equal(before, await CountAsync());
        Assert.Equal(drafts, await app.WithDbAsync(db => db.UploadDrafts.CountAsync()));

        // The same page, sent again once the database is back, files the request with the next number: no gap.
        using var again = await session.ConfirmAsync(RequestFamily.Disclosure, page);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var receipt = await session.Client.GetDocumentAsync("/requests/receipt");
        Assert.Equal(before.Counter + 1, Sequence(receipt.QuerySelector("#reference-number")!.TextContent));
        Assert.Equal(before.Requests + 1, (await CountAsync()).Requests);
    }

    [Fact]
    public async Task A_store_failure_outside_the_form_is_a_503_page_saying_nothing_was_stored()
    {
        var session = NewSession();
        var form = await session.OpenAsync(RequestFamily.Disclosure);

        failing.Fail("INSERT INTO \"UploadDrafts\"", times: int.MaxValue);
        var (review, page) = await session.ReviewAsync(RequestFamily.Disclosure, form,
            ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal), ValidForm.Files(RequesterType.Principal));
        failing.Stop();

        Assert.True(failing.Thrown > 0);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, review.StatusCode);
        Assert.Contains("送信された内容は保存されていません", page.Text(), StringComparison.Ordinal);
    }
}

public sealed class TransientFailureTestsOnSqlite(SqliteFormFixture app) : TransientFailureTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class TransientFailureTestsOnPostgres(PostgresFormFixture app) : TransientFailureTests(app), IClassFixture<PostgresFormFixture>;
