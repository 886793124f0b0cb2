using Microsoft.EntityFrameworkCore;
using MimeKit;
using PrivacyDesk.Web.Data.Providers;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Tests.Mail;

public class MailUnitTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(8, 3600)]
    [InlineData(20, 3600)]
    [InlineData(1000, 3600)]
    public void Backoff_doubles_from_30_seconds_up_to_an_hour_with_jitter(int attempt, double nominalSeconds)
    {
        var options = new SmtpOptions();
        var low = OutboxBackoff.Delay(attempt, options.RetryBaseDelay, options.RetryMaxDelay, 0);
        var mid = OutboxBackoff.Delay(attempt, options.RetryBaseDelay, options.RetryMaxDelay, 0.5);
        var high = OutboxBackoff.Delay(attempt, options.RetryBaseDelay, options.RetryMaxDelay, 0.999);

        Assert.Equal(nominalSeconds, mid.TotalSeconds, precision: 6);
        Assert.Equal(nominalSeconds * 0.8, low.TotalSeconds, precision: 6);
        Assert.True(high.TotalSeconds > nominalSeconds || nominalSeconds >= 3600);
        Assert.True(high <= TimeSpan.FromHours(1));
    }

    [Fact]
    public void Jitter_spreads_retries()
    {
        var delays = Enumerable.Range(0, 50)
            .Select(_ => OutboxBackoff.Delay(1, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), OutboxBackoff.NextJitter()))
            .ToArray();
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 24, 36));
        Assert.True(delays.Distinct().Count() > 10);
    }

    [Fact]
    public void Default_options_are_valid_and_mean_not_configured()
    {
        var options = new SmtpOptions();
        Assert.False(options.IsConfigured);
        Assert.True(options.Enabled);
        Assert.Equal("生活クラブ事業連合生活協同組合連合会 総務部", options.FromName);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(SmtpSecurity.StartTls, options.Security);
        Assert.True(new SmtpOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_host_without_a_sender_address_is_refused_at_start()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = "smtp.example.jp" });
        Assert.True(result.Failed);
        Assert.Contains("Smtp:FromAddress", result.FailureMessage, StringComparison.Ordinal);

        var tooShortLease = new SmtpOptionsValidator().Validate(null, new SmtpOptions { LeaseDuration = TimeSpan.FromSeconds(30) });
        Assert.True(tooShortLease.Failed);
    }

    [Fact]
    public void Mime_is_utf8_plain_text_with_the_outbox_id_as_Message_ID()
    {
        var message = new OutboxMessage
        {
            CreatedAt = DateTimeOffset.UtcNow,
            Kind = "test.mime",
            ToAddress = "hanako@example.jp",
            Subject = "本人確認書類の不備について",
            TextBody = "ご提出いただいた書類に不備がありました。\n",
        };
        using var mime = OutboxMime.Create(message, new SmtpOptions { FromAddress = "desk@example.jp" });

        Assert.Equal($"{message.Id}@privacydesk", mime.MessageId);
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        var body = Assert.IsType<TextPart>(mime.Body);
        Assert.Equal("text/plain", body.ContentType.MimeType);
        Assert.Equal("utf-8", body.ContentType.Charset, ignoreCase: true);

        using var stream = new MemoryStream();
        mime.WriteTo(stream);
        var raw = System.Text.Encoding.ASCII.GetString(stream.ToArray());
        Assert.Contains("Subject: =?utf-8?", raw, StringComparison.OrdinalIgnoreCase);
        stream.Position = 0;
        using var parsed = MimeMessage.Load(stream);
        Assert.Equal(message.Subject, parsed.Subject);
        Assert.Equal(message.TextBody, Assert.IsType<TextPart>(parsed.Body).Text);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@example.jp, b@example.jp")]
    [InlineData("")]
    public void Enqueue_refuses_a_bad_address_without_repeating_it(string to)
    {
        using var db = new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=:memory:").Options);
        var error = Assert.ThrowsAny<ArgumentException>(() => MailOutbox.Enqueue(db, "test.bad", null, to, "件名", "本文", DateTimeOffset.UtcNow));
        if (to.Length > 0)
        {
            Assert.DoesNotContain(to, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public void Enqueue_refuses_a_multi_line_subject()
    {
        using var db = new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Throws<ArgumentException>(() =>
            MailOutbox.Enqueue(db, "test.bad", null, "a@example.jp", "件名\r\nBcc: x@example.jp", "本文", DateTimeOffset.UtcNow));
    }
}
