namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>Waiting for a condition instead of sleeping: returns as soon as it holds, fails clearly when it never does.</summary>
public static class Wait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Checks <paramref name="condition"/> until it holds; throws a <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(Interval);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, string)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, what);
    }
}
