using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Mail;

public abstract class OutboxTests(MailAppFixture app)
{
    private const string Subject = "【生活クラブ】開示等請求を受け付けました（受付番号 2026-000123）";
    private const string Body = "山田 花子 様\n\nご請求を受け付けました。\n本人確認書類を確認のうえ、2週間以内にご連絡いたします。\n\n生活クラブ事業連合生活協同組合連合会 総務部\n";

    /// <summary>A fresh address per test, so that a leak into the logs is found by a plain search.</summary>
    private static string Address(string local = "hanako.yamada") => $"{local}.{Guid.NewGuid():N}@example.jp";

    private void AssertNotInLogs(params string[] secrets)
    {
        var logs = app.Logs.AllText;
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("example.jp", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("受付番号", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("山田", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queued_Japanese_mail_is_delivered_intact()
    {
        var to = Address();
        var requestId = Guid.NewGuid();
        var queued = await app.EnqueueAsync("test.acknowledgement", to, Subject, Body, DateTimeOffset.UtcNow, requestId);

        await app.ProcessAsync();

        var mail = Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(queued.Id)]));
        Assert.Equal(Subject, mail.Message.Subject);
        var text = Assert.IsType<TextPart>(mail.Message.Body);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.True(text.IsPlain);
        Assert.Equal(Body, text.Text);
        Assert.Equal(to, Assert.IsType<MailboxAddress>(Assert.Single(mail.Message.To)).Address);
        Assert.Equal([to], mail.EnvelopeTo);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mail.Message.From));
        Assert.Equal(MailAppFixture.FromAddress, from.Address);
        Assert.Equal("生活クラブ事業連合生活協同組合連合会 総務部", from.Name);
        Assert.Equal($"{queued.Id}@privacydesk", mail.Message.MessageId);

        // On the wire: the Message-ID in angle brackets, the subject RFC 2047-encoded (no raw 8-bit header).
        Assert.Contains($"Message-Id: <{queued.Id}@privacydesk>", mail.RawHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Subject: =?utf-8?", mail.RawHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.True(mail.RawHeaders.All(char.IsAscii));

        var row = await app.ReadAsync(queued.Id);
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LockedBy);
        Assert.Null(row.LockedUntil);
        Assert.Null(row.LastError);

        Assert.Contains(queued.Id.ToString(), app.Logs.AllText, StringComparison.Ordinal);
        AssertNotInLogs(to, Subject);
    }

    [Fact]
    public async Task Smtp_outage_keeps_the_mail_queued_and_it_is_delivered_once_the_server_is_back()
    {
        var time = ManualTime.StartingNow();
        var to = Address();
        var queued = await app.EnqueueAsync("test.outage", to, Subject, Body, time.GetUtcNow());

        // Nobody listens on this port: connection refused.
        var downPort = TestSmtpServer.FreePort();
        var down = app.Options(o => o.Port = downPort);
        var first = await app.ProcessAsync(time, down);
        Assert.True(first.Failed >= 1);
        Assert.Equal(0, first.Sent);

        var failed = await app.ReadAsync(queued.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.True(failed.NextAttemptAt > time.GetUtcNow());
        Assert.True(failed.NextAttemptAt <= time.GetUtcNow() + TimeSpan.FromSeconds(36));
        Assert.Null(failed.LockedBy);
        Assert.Null(failed.LockedUntil);

        // The server comes back, but the retry is not due yet: nothing is sent.
        await using var late = new TestSmtpServer(downPort);
        await late.StartAsync();
        await app.ProcessAsync(time, down);
        Assert.Empty(late.Received);
        Assert.Null((await app.ReadAsync(queued.Id)).SentAt);

        time.Advance(TimeSpan.FromMinutes(1));
        await app.ProcessAsync(time, down);

        var mail = Assert.Single(late.Received);
        Assert.Equal(OutboxMime.MessageIdFor(queued.Id), mail.Message.MessageId);
        Assert.Equal(Subject, mail.Message.Subject);
        var sent = await app.ReadAsync(queued.Id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(2, sent.Attempts);

        // Once sent, never again.
        time.Advance(TimeSpan.FromHours(2));
        await app.ProcessAsync(time, down);
        Assert.Single(late.Received);

        Assert.Contains(app.Logs.Lines, l => l.Contains($"Mail {queued.Id} (\"test.outage\"", StringComparison.Ordinal)
                                             && l.Contains("failed on attempt 1 of", StringComparison.Ordinal));
        AssertNotInLogs(to, Subject);
    }

    [Fact]
    public async Task Two_instances_running_at_once_never_send_a_mail_twice()
    {
        const int Count = 50;
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PrivacyDeskDbContext>();
            for (var i = 0; i < Count; i++)
            {
                ids.Add(MailOutbox.Enqueue(db, "test.concurrency", null, Address($"member{i}"), $"テスト {i}", $"本文 {i}", now).Id);
            }

            await db.SaveChangesAsync();
        });

        async Task<int> RunAsync(string instance)
        {
            var sent = 0;
            for (var round = 0; round < 200; round++)
            {
                var result = await app.ProcessAsync(instance: instance);
                sent += result.Sent;
                if (result.Claimed == 0)
                {
                    var left = (await app.ReadAsync(ids)).Count(m => m.SentAt is null);
                    if (left == 0)
                    {
                        return sent;
                    }

                    await Task.Delay(5);
                }
            }

            return sent;
        }

        var counts = await Task.WhenAll(Task.Run(() => RunAsync("instance-a")), Task.Run(() => RunAsync("instance-b")));

        var messageIds = ids.Select(OutboxMime.MessageIdFor).ToArray();
        var received = app.Smtp.WithMessageIds(messageIds).ToArray();
        Assert.Equal(Count, received.Length);
        Assert.Equal(Count, received.Select(m => m.Message.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Count, counts.Sum());

        var rows = await app.ReadAsync(ids);
        Assert.All(rows, row =>
        {
            Assert.NotNull(row.SentAt);
            Assert.Equal(1, row.Attempts);
            Assert.Null(row.LockedBy);
        });
        Assert.DoesNotContain("already marked sent", app.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_that_waited_on_another_instances_claim_does_not_take_its_rows()
    {
        // The race behind a double send, made deterministic: instance A's claim has updated the rows but not yet
        // committed when instance B's claim runs. B must wait, re-check the committed rows, and leave them to A.
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        for (var i = 0; i < MailAppFixture.BatchSize; i++)
        {
            ids.Add((await app.EnqueueAsync("test.race", Address($"race{i}"), Subject, Body, now)).Id);
        }

        const string HeldBy = "instance-a#in-flight-claim";
        await using var scope = app.MailHost.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDeskDbContext>();
        var lease = app.Options().LeaseDuration;
        // A user transaction runs inside the execution strategy (the app's contexts retry transient failures).
        var claimB = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedBy, HeldBy)
                .SetProperty(m => m.LockedUntil, DateTimeOffset.UtcNow + lease));

            var claim = Task.Run(() => app.ProcessAsync(instance: "instance-b"));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(claim.IsCompleted, "B's claim should be waiting for A's uncommitted claim.");
            await transaction.CommitAsync();
            return claim;
        });

        await claimB;
        Assert.Empty(app.Smtp.WithMessageIds(ids.Select(OutboxMime.MessageIdFor)));
        Assert.All(await app.ReadAsync(ids), row =>
        {
            Assert.Equal(HeldBy, row.LockedBy);
            Assert.Null(row.SentAt);
        });

        // A "crashes": after its lease, B sends every one of them, once.
        var later = new ManualTime(DateTimeOffset.UtcNow + lease + TimeSpan.FromSeconds(1));
        await app.ProcessAsync(later, instance: "instance-b");
        Assert.Equal(ids.Count, app.Smtp.WithMessageIds(ids.Select(OutboxMime.MessageIdFor)).Count());
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_stops_after_MaxAttempts_and_does_not_hold_up_the_others()
    {
        var time = ManualTime.StartingNow();
        var rejectedTo = Address("reject.taro");
        var goodTo = Address();
        var rejected = await app.EnqueueAsync("test.rejected", rejectedTo, Subject, Body, time.GetUtcNow(), Guid.NewGuid());
        var good = await app.EnqueueAsync("test.good", goodTo, Subject, Body, time.GetUtcNow());

        for (var round = 0; round < MailAppFixture.MaxAttempts + 2; round++)
        {
            await app.ProcessAsync(time);
            time.Advance(TimeSpan.FromHours(2));
        }

        var row = await app.ReadAsync(rejected.Id);
        Assert.Null(row.SentAt);
        Assert.Equal(MailAppFixture.MaxAttempts, row.Attempts);
        Assert.Contains("RecipientNotAccepted", row.LastError, StringComparison.Ordinal);
        Assert.Null(row.LockedBy);
        Assert.Empty(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(rejected.Id)]));

        // The good message shared the first batch and connection, and went out once.
        Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(good.Id)]));
        Assert.Equal(1, (await app.ReadAsync(good.Id)).Attempts);

        var logs = app.Logs.Lines;
        var givenUp = logs.Where(l => l.Contains($"Mail {rejected.Id}", StringComparison.Ordinal)
                                      && l.Contains("will not be retried", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(givenUp);
        Assert.Contains($"failed on attempt {MailAppFixture.MaxAttempts} of {MailAppFixture.MaxAttempts}", line, StringComparison.Ordinal);
        Assert.Contains("550", line, StringComparison.Ordinal);
        Assert.Contains(rejected.RequestId!.Value.ToString(), line, StringComparison.Ordinal);
        AssertNotInLogs(rejectedTo, goodTo, Subject);
    }

    [Fact]
    public async Task A_batch_claimed_by_an_instance_that_died_is_sent_by_another_after_the_lease()
    {
        var time = ManualTime.StartingNow();
        var queued = await app.EnqueueAsync("test.lease", Address(), Subject, Body, time.GetUtcNow());
        var lease = app.Options().LeaseDuration;

        // What a claim leaves behind when its instance crashes before sending.
        await app.WithScopeAsync(services => services.GetRequiredService<PrivacyDeskDbContext>().Outbox
            .Where(m => m.Id == queued.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedBy, "crashed-host/1/dead#000000000000")
                .SetProperty(m => m.LockedUntil, time.GetUtcNow() + lease)));

        await app.ProcessAsync(time, instance: "survivor");
        Assert.Empty(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(queued.Id)]));

        time.Advance(lease + TimeSpan.FromSeconds(1));
        await app.ProcessAsync(time, instance: "survivor");
        Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(queued.Id)]));
        var row = await app.ReadAsync(queued.Id);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.LockedBy);
    }

    [Fact]
    public async Task Enqueue_only_adds_to_the_context_so_the_mail_shares_the_callers_transaction()
    {
        var rolledBack = Guid.Empty;
        var committed = Guid.Empty;
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PrivacyDeskDbContext>();
            var message = MailOutbox.Enqueue(db, "test.tx", null, Address(), Subject, Body, DateTimeOffset.UtcNow);
            Assert.Equal(EntityState.Added, db.Entry(message).State);
            Assert.False(await db.Outbox.AnyAsync(m => m.Id == message.Id));

            // User transactions run inside the execution strategy (the app's contexts retry transient failures).
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            });

            rolledBack = message.Id;
            db.ChangeTracker.Clear();

            committed = await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var id = MailOutbox.Enqueue(db, "test.tx", null, Address(), Subject, Body, DateTimeOffset.UtcNow).Id;
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return id;
            });
        });

        Assert.Empty(await app.ReadAsync([rolledBack]));
        await app.ProcessAsync();
        Assert.Empty(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(rolledBack)]));
        Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(committed)]));
    }

    [Fact]
    public async Task Enqueue_stores_instants_in_UTC_so_a_Japan_time_now_is_due_at_once()
    {
        var jst = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9));
        var queued = await app.EnqueueAsync("test.jst", Address(), Subject, Body, jst);
        Assert.Equal(TimeSpan.Zero, queued.NextAttemptAt.Offset);

        await app.ProcessAsync(new ManualTime(jst.AddSeconds(1)));
        Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(queued.Id)]));
    }

    [Fact]
    public async Task The_worker_sends_on_its_own_timer_when_enabled()
    {
        await using var live = MailAppFixture.WithMail(app.Factory, new Dictionary<string, string?>
        {
            ["Smtp:Enabled"] = "true",
            ["Smtp:PollInterval"] = "00:00:00.100",
        });
        _ = live.Server;
        Assert.Single(live.Services.GetServices<IHostedService>().OfType<OutboxWorker>());

        var queued = await app.EnqueueAsync("test.worker", Address(), Subject, Body, DateTimeOffset.UtcNow);
        await Wait.UntilAsync(async () => (await app.ReadAsync(queued.Id)).SentAt is not null, TimeSpan.FromSeconds(20), "the worker to send the mail");
        Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(queued.Id)]));
    }

    [Fact]
    public async Task Without_an_SMTP_host_the_app_runs_and_mail_stays_queued()
    {
        await using var unconfigured = MailAppFixture.WithMail(app.Factory, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = string.Empty,
            ["Smtp:Enabled"] = "true",
        });
        using var client = unconfigured.CreateClient();
        using var live = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.True(live.IsSuccessStatusCode);

        var queued = await app.EnqueueAsync("test.unconfigured", Address(), Subject, Body, DateTimeOffset.UtcNow);
        await using (var scope = unconfigured.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync(CancellationToken.None);
            Assert.Equal(OutboxBatchResult.Empty, result);
        }

        var row = await app.ReadAsync(queued.Id);
        Assert.Null(row.SentAt);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Contains("Mail is not configured (Smtp:Host is empty)", app.Logs.AllText, StringComparison.Ordinal);

        // Configured again, the waiting mail goes out.
        await app.ProcessAsync();
        Assert.Single(app.Smtp.WithMessageIds([OutboxMime.MessageIdFor(queued.Id)]));
    }
}

public sealed class OutboxTestsOnSqlite(SqliteMailFixture app) : OutboxTests(app), IClassFixture<SqliteMailFixture>;

[Trait("Provider", "Postgres")]
public sealed class OutboxTestsOnPostgres(PostgresMailFixture app) : OutboxTests(app), IClassFixture<PostgresMailFixture>;
