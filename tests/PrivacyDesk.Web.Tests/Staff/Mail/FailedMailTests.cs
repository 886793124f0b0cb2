using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Mail;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Mail;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Mail;

/// <summary>
/// /staff/mail (issue 14 item 5, ADR 0024): mail that failed for good is listed with its error and never its subject or
/// body; 再送する puts it back and the outbox sends it to a real SMTP server; 郵送に切り替える makes the request postal and
/// withdraws the mail; a replayed action changes nothing and says so; auditors may neither see nor act.
/// </summary>
public abstract class FailedMailTests(AppFixture app)
{
    private const string Error = "SMTP 550 MailboxUnavailable: 5.1.1 user unknown";

    private int MaxAttempts => app.Factory.Services.GetRequiredService<IOptions<SmtpOptions>>().Value.MaxAttempts;

    private async Task<(Guid Id, string Reference)> FileAsync(string delivery = "Electronic")
    {
        using var client = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(client).FileAsync(RequestFamily.Disclosure, RequesterType.Principal, fields => fields["Input.Delivery"] = delivery);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());
        return (id, reference);
    }

    /// <summary>Queues a mail with a body and subject no page may show, and marks it as failed <paramref name="attempts"/> times.</summary>
    private async Task<(Guid Id, string Subject, string Body)> QueueFailedAsync(Guid requestId, int? attempts = null)
    {
        var marker = Guid.NewGuid().ToString("N");
        var subject = $"件名の目印 {marker}";
        var body = $"山田 花子 様\n本文の目印 {marker}\n";
        var max = MaxAttempts;
        var id = await app.WithDbAsync(async db =>
        {
            var message = MailOutbox.Enqueue(db, "request.acknowledgement", requestId, $"hanako.{marker}@example.jp", subject, body, DateTimeOffset.UtcNow);
            message.Attempts = attempts ?? max;
            message.LastError = Error;
            await db.SaveChangesAsync();
            return message.Id;
        });
        return (id, subject, body);
    }

    private Task<int> CountAsync(string action, Guid requestId) =>
        app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.RequestId == requestId));

    [Fact]
    public async Task Mail_that_failed_for_good_is_listed_with_its_error_but_never_its_subject_or_body()
    {
        var (id, reference) = await FileAsync();
        var (failed, subject, body) = await QueueFailedAsync(id);
        var (retrying, _, _) = await QueueFailedAsync(id, attempts: 1);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var readsBefore = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.MailFailuresViewed));

        var page = await staff.Client.GetDocumentAsync("/staff/mail");

        var row = page.QuerySelector($"[data-message='{failed}']");
        Assert.NotNull(row);
        Assert.Null(page.QuerySelector($"[data-message='{retrying}']"));
        Assert.Equal($"/staff/requests/{id}", row.QuerySelector("a.pd-reference")!.GetAttribute("href"));
        Assert.Equal(reference, row.QuerySelector("a.pd-reference")!.TextContent.Trim());
        Assert.Contains("受付のお知らせ", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Error, row.QuerySelector(".pd-failed-mail__error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("@example.jp", row.QuerySelector(".pd-failed-mail__to")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture), row.TextContent, StringComparison.Ordinal);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(subject, html, StringComparison.Ordinal);
        Assert.DoesNotContain(body.Trim(), html, StringComparison.Ordinal);
        Assert.DoesNotContain("本文の目印", html, StringComparison.Ordinal);
        Assert.DoesNotContain("件名の目印", html, StringComparison.Ordinal);

        // The view is an audited read.
        Assert.Equal(readsBefore + 1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.MailFailuresViewed)));
    }

    [Fact]
    public async Task Resend_puts_the_mail_back_it_is_sent_and_a_replayed_resend_changes_nothing()
    {
        var (id, _) = await FileAsync();
        var (failed, subject, body) = await QueueFailedAsync(id);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync("/staff/mail");

        using (var resent = await PostAsync(staff.Client, $"/staff/mail?handler=Resend&id={failed}", page, $"[data-message='{failed}'] form", []))
        {
            Redirected(resent, "/staff/mail?done=resent");
        }

        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed));
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.SentAt);
        Assert.True(row.NextAttemptAt <= DateTimeOffset.UtcNow);
        Assert.Equal(1, await CountAsync(AuditActions.MailResent, id));
        var after = await staff.Client.GetDocumentAsync("/staff/mail?done=resent");
        Assert.NotNull(after.QuerySelector("#done-message"));
        Assert.Null(after.QuerySelector($"[data-message='{failed}']"));

        // The same form again: nothing to do, said in Japanese, no second audit row.
        using (var replayed = await PostAsync(staff.Client, $"/staff/mail?handler=Resend&id={failed}", page, $"[data-message='{failed}'] form", []))
        {
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
            Assert.Contains("何も変更していません", (await Html.ParseAsync(replayed)).QuerySelector("#mail-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync(AuditActions.MailResent, id));
        Assert.Equal(0, (await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed))).Attempts);

        // The outbox sends it to a real SMTP server, body intact, and empties the stored body.
        await using var smtp = new TestSmtpServer();
        await smtp.StartAsync();
        var options = Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, FromAddress = "privacy-desk@example.jp",
            MaxAttempts = MaxAttempts, BatchSize = 50, Timeout = TimeSpan.FromSeconds(10),
        });
        for (var round = 0; round < 20 && (await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed))).SentAt is null; round++)
        {
            await app.WithScopeAsync(async services =>
            {
                var processor = ActivatorUtilities.CreateInstance<OutboxProcessor>(services, options, new SmtpMailSender(options));
                await processor.ProcessDueAsync(CancellationToken.None);
            });
        }

        var mail = Assert.Single(smtp.WithMessageIds([OutboxMime.MessageIdFor(failed)]));
        Assert.Equal(subject, mail.Message.Subject);
        Assert.Equal(body, Assert.IsType<TextPart>(mail.Message.Body).Text);
        var sent = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed));
        Assert.NotNull(sent.SentAt);
        Assert.Equal(string.Empty, sent.TextBody);
    }

    [Fact]
    public async Task Switch_to_post_makes_the_request_postal_and_removes_the_mail_and_a_replay_changes_nothing()
    {
        var (id, _) = await FileAsync("Electronic");
        Assert.Equal(DeliveryMethod.Electronic, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Delivery).SingleAsync()));
        var (failed, _, _) = await QueueFailedAsync(id);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var page = await staff.Client.GetDocumentAsync("/staff/mail");
        Assert.NotNull(page.QuerySelector($"[data-message='{failed}'] button[data-action='post']"));

        using (var switched = await PostAsync(staff.Client, $"/staff/mail?handler=Post&id={failed}", page, $"[data-message='{failed}'] form", []))
        {
            Redirected(switched, $"/staff/mail?done=post&request={id}");
        }

        Assert.Equal(DeliveryMethod.Post, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Delivery).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.Id == failed)));
        Assert.Equal(1, await CountAsync(AuditActions.DeliveryChanged, id));
        Assert.Equal(1, await CountAsync(AuditActions.MailWithdrawn, id));
        var after = await staff.Client.GetDocumentAsync($"/staff/mail?done=post&request={id}");
        Assert.Null(after.QuerySelector($"[data-message='{failed}']"));
        Assert.Equal($"/staff/requests/{id}/letters", after.QuerySelector("#letters-link")!.GetAttribute("href"));

        using (var replayed = await PostAsync(staff.Client, $"/staff/mail?handler=Post&id={failed}", page, $"[data-message='{failed}'] form", []))
        {
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
            Assert.Contains("何も変更していません", (await Html.ParseAsync(replayed)).QuerySelector("#mail-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountAsync(AuditActions.DeliveryChanged, id));
        Assert.Equal(1, await CountAsync(AuditActions.MailWithdrawn, id));
    }

    [Fact]
    public async Task Auditors_can_neither_see_the_list_nor_resend_nor_switch_to_post()
    {
        var (id, _) = await FileAsync();
        var (failed, _, _) = await QueueFailedAsync(id);
        using var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor);

        using (var view = await auditor.Client.GetAsync(new Uri("/staff/mail", UriKind.Relative)))
        {
            Assert.Contains("access-denied", StaffSignIn.Location(view), StringComparison.Ordinal);
        }

        var token = (await auditor.Client.GetDocumentAsync("/staff/account/sign-out")).AntiforgeryToken();
        foreach (var handler in new[] { "Resend", "Post" })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            using var response = await auditor.Client.PostAsync(new Uri($"/staff/mail?handler={handler}&id={failed}", UriKind.Relative), content);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || StaffSignIn.Location(response)?.Contains("access-denied", StringComparison.Ordinal) == true,
                $"{handler}: {(int)response.StatusCode} {StaffSignIn.Location(response)}");
        }

        var row = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == failed));
        Assert.Equal(MaxAttempts, row.Attempts);
        Assert.Equal(DeliveryMethod.Electronic, await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.Delivery).SingleAsync()));
        Assert.Equal(0, await CountAsync(AuditActions.MailResent, id) + await CountAsync(AuditActions.MailWithdrawn, id));
    }
}

public sealed class FailedMailTestsOnSqlite(StaffSqliteAppFixture app) : FailedMailTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class FailedMailTestsOnPostgres(StaffPostgresAppFixture app) : FailedMailTests(app), IClassFixture<StaffPostgresAppFixture>;
