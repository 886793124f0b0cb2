using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using PrivacyDesk.Web.Tests.Infrastructure;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PrivacyDesk.Web.Tests.Mail;

/// <summary>One message as the server received it.</summary>
public sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> EnvelopeTo, string RawHeaders);

/// <summary>
/// A real SMTP server (SmtpServer package) on a free loopback port, in-process, keeping every received message. Recipients
/// whose local part starts with "reject" are refused with 550, for the tests of permanent failures.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedMail> received = new();
    private CancellationTokenSource? stop;
    private SmtpServer.SmtpServer? server;
    private Task? running;

    public TestSmtpServer(int? port = null) => Port = port ?? FreePort();

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => received.ToArray();

    /// <summary>Forgets the mail received so far (a shared server starts each test class empty).</summary>
    public void Clear() => received.Clear();

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    public IEnumerable<ReceivedMail> WithMessageIds(IEnumerable<string> messageIds)
    {
        var wanted = messageIds.ToHashSet(StringComparer.Ordinal);
        return Received.Where(m => m.Message.MessageId is { } id && wanted.Contains(id));
    }

    public async Task StartAsync()
    {
        if (server is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(received));
        services.Add(new RejectingFilter());

        stop = new CancellationTokenSource();
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);

        // StartAsync returns a task that runs until shutdown: wait until the port answers.
        await Wait.UntilAsync(async () =>
        {
            if (running.IsFaulted)
            {
                await running;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "the test SMTP server to accept connections");
    }

    public async ValueTask DisposeAsync()
    {
        if (stop is not null && server is not null && running is not null)
        {
            server.Shutdown();
            await stop.CancelAsync();
            try
            {
                await running.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        stop?.Dispose();
    }

    private sealed class Store(ConcurrentQueue<ReceivedMail> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            await using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var to = transaction.To.Select(m => m.AsAddress()).ToArray();
            received.Enqueue(new ReceivedMail(message, to, headerEnd < 0 ? text : text[..headerEnd]));
            return SmtpResponse.Ok;
        }
    }

    private sealed class RejectingFilter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith("reject", StringComparison.OrdinalIgnoreCase));
    }
}
