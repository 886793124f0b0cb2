using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace PrivacyDesk.Web.Mail;

/// <summary>Opens connections to the mail server. One connection carries a whole batch.</summary>
public interface IMailSender
{
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

public interface IMailConnection : IAsyncDisposable
{
    /// <summary>False once the connection broke; the caller opens a new one for the next message.</summary>
    bool IsConnected { get; }

    /// <summary>Returns when the server has accepted the message; throws when it did not.</summary>
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends with MailKit's SmtpClient, configured by <see cref="SmtpOptions"/>.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("Mail is not configured (Smtp:Host is empty).");
        }

        var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, settings.Timeout.TotalMilliseconds) };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, ToMailKit(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }

            return new Connection(client, settings);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    private sealed class Connection(SmtpClient client, SmtpOptions settings) : IMailConnection
    {
        public bool IsConnected => client.IsConnected;

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            using var mime = OutboxMime.Create(message, settings);
            await client.SendAsync(mime, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or MailKit.ProtocolException
                                           or SmtpCommandException or ServiceNotConnectedException)
            {
                // QUIT is a courtesy: every message of the batch has already been accepted or failed.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>The MIME form of an outbox message: UTF-8 text/plain, RFC 2047 subject, Message-ID from the outbox id.</summary>
public static class OutboxMime
{
    public const string MessageIdDomain = "privacydesk";

    /// <summary>The Message-ID (without angle brackets) of an outbox message: the same on every retry, so a receiving
    /// system can drop the duplicate that a crash between the server's acceptance and the "sent" mark can cause.</summary>
    public static string MessageIdFor(Guid outboxId) => string.Create(CultureInfo.InvariantCulture, $"{outboxId:D}@{MessageIdDomain}");

    public static MimeMessage Create(OutboxMessage message, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);

        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Subject = message.Subject;
        mime.MessageId = MessageIdFor(message.Id);
        mime.Date = message.CreatedAt;

        // RFC 3834: a notification, not a person; out-of-office replies should not answer it.
        mime.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new TextPart(TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.TextBody);

        // Base64 keeps Japanese text intact through any relay, 8BITMIME or not.
        body.ContentTransferEncoding = ContentEncoding.Base64;
        mime.Body = body;
        return mime;
    }
}

/// <summary>What to record about a failed delivery: full text for the row, a category without personal data for logs.</summary>
internal static class MailErrors
{
    private const int MaxLastErrorLength = 2000;

    /// <summary>For the LastError column (the row holds the address anyway). Server replies may quote the address.</summary>
    public static string Describe(Exception exception)
    {
        var text = exception switch
        {
            SmtpCommandException smtp => $"SMTP {(int)smtp.StatusCode} {smtp.ErrorCode}: {smtp.Message}",
            SmtpProtocolException protocol => $"SMTP protocol error: {protocol.Message}",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };

        return text.Length <= MaxLastErrorLength ? text : text[..MaxLastErrorLength];
    }

    /// <summary>For logs: the exception type and SMTP status or socket error only, never a server's reply text.</summary>
    public static string Category(Exception exception) => exception switch
    {
        SmtpCommandException smtp => $"{nameof(SmtpCommandException)} {(int)smtp.StatusCode} {smtp.ErrorCode}",
        SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
        AuthenticationException => "AuthenticationException",
        _ when exception.InnerException is SocketException inner => $"{exception.GetType().Name} ({nameof(SocketException)} {inner.SocketErrorCode})",
        _ => exception.GetType().Name,
    };
}
