using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>Keeps every log event the app writes, rendered with all its properties, for assertions.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.Write(logEvent.RenderMessage(CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            writer.Write($" {name}={value}");
        }

        if (logEvent.Exception is not null)
        {
            writer.Write($" {logEvent.Exception}");
        }

        lines.Enqueue(writer.ToString());
    }

    public IReadOnlyList<string> Lines => lines.ToArray();

    public string AllText => string.Join('\n', lines);

    /// <summary>Forgets what was captured (a shared host starts each test class with an empty list).</summary>
    public void Clear() => lines.Clear();
}
