using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Mail;

/// <summary>How the connection to the SMTP server is secured (maps one to one onto MailKit's SecureSocketOptions).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>Plain text. Only for a relay on the same host or a trusted internal network.</summary>
    None,

    /// <summary>STARTTLS, and fail when the server does not offer it (port 587). The default.</summary>
    StartTls,

    /// <summary>STARTTLS when offered, plain text otherwise. Open to downgrade: prefer <see cref="StartTls"/>.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// Outgoing mail (configuration section "Smtp"). With no <see cref="Host"/> the app runs as usual and mail waits in the
/// outbox until a server is configured.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server. Empty: mail is not configured, messages stay queued.</summary>
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Set to authenticate; empty sends without AUTH (an internal relay).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address. Required when <see cref="Host"/> is set.</summary>
    public string FromAddress { get; set; } = string.Empty;

    public string FromName { get; set; } = "生活クラブ事業連合生活協同組合連合会 総務部";

    /// <summary>How often the worker looks for due mail.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many messages one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Delivery attempts before a message is given up (left unsent with its last error). 30 is about a day.</summary>
    public int MaxAttempts { get; set; } = 30;

    /// <summary>How long a claimed batch belongs to one instance; a crashed instance's batch is picked up after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of each SMTP operation (connect, one command, one message).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before the first retry; doubles with each failure (with ±20 % jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Run the background worker. Off, mail is only sent on demand (<see cref="OutboxProcessor.ProcessDueAsync"/>).</summary>
    public bool Enabled { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var errors = new List<string>();
        if (options.IsConfigured)
        {
            if (options.Port is < 1 or > 65_535)
            {
                errors.Add("Smtp:Port must be from 1 to 65535.");
            }

            if (!MimeKit.MailboxAddress.TryParse(options.FromAddress, out _))
            {
                errors.Add("Smtp:FromAddress must be a mail address when Smtp:Host is set. 送信元アドレス（Smtp:FromAddress）を設定してください。");
            }
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromDays(1))
        {
            errors.Add("Smtp:PollInterval must be from 10 ms to 1 day.");
        }

        if (options.BatchSize is < 1 or > 1_000)
        {
            errors.Add("Smtp:BatchSize must be from 1 to 1000.");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add("Smtp:MaxAttempts must be at least 1.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1))
        {
            errors.Add("Smtp:Timeout must be at least 1 second.");
        }

        if (options.LeaseDuration < options.Timeout * 4)
        {
            errors.Add("Smtp:LeaseDuration must be at least four times Smtp:Timeout.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Smtp:RetryBaseDelay must be positive and not above Smtp:RetryMaxDelay.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
