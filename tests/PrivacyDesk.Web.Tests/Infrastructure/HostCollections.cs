using System.Collections.Concurrent;
using PrivacyDesk.Web.Tests.Journeys;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: CollectionBehavior("PrivacyDesk.Web.Tests.Infrastructure.HostCollections", "PrivacyDesk.Web.Tests")]
[assembly: TestCollectionOrderer("PrivacyDesk.Web.Tests.Infrastructure.BrowserLanesFirst", "PrivacyDesk.Web.Tests")]

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// xunit's test collections for this assembly: one collection per shared host (ADR 0019) instead of one per class.
/// </summary>
/// <remarks>
/// Classes that lease the same <see cref="SharedHost"/> (the same <see cref="AppFixture"/> type) or the shared browser
/// (a <see cref="BrowserFixture"/> lane) run one after another anyway. As separate collections, each such class took one of
/// xunit's parallel slots only to wait for the lease, while classes of other hosts could have run; as one collection,
/// xunit runs them in turn and gives the slots to other hosts. A class with a <c>[Collection]</c> attribute, and a class
/// without a shared fixture, keeps xunit's own rule (its named collection, or one of its own).
/// </remarks>
public sealed class HostCollections(ITestAssembly testAssembly, IMessageSink diagnosticMessageSink) : IXunitTestCollectionFactory
{
    private readonly CollectionPerClassTestCollectionFactory perClass = new(testAssembly, diagnosticMessageSink);
    private readonly ConcurrentDictionary<Type, ITestCollection> hosts = new();

    public string DisplayName => "collection-per-shared-host";

    public ITestCollection Get(ITypeInfo testClass)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        if (testClass.GetCustomAttributes(typeof(CollectionAttribute)).Any() || SharedFixture(testClass.ToRuntimeType()) is not { } fixture)
        {
            return perClass.Get(testClass);
        }

        return hosts.GetOrAdd(fixture, f => new TestCollection(testAssembly, null, (typeof(BrowserFixture).IsAssignableFrom(f) ? BrowserLanePrefix : "Shared host ") + f.Name));
    }

    /// <summary>How the display name of a browser lane's collection begins (<see cref="BrowserLanesFirst"/>).</summary>
    public const string BrowserLanePrefix = "Browser lane ";

    /// <summary>The fixture type whose host <paramref name="testClass"/> shares, if any.</summary>
    public static Type? SharedFixture(Type? testClass) =>
        testClass?.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(f => typeof(AppFixture).IsAssignableFrom(f) || typeof(BrowserFixture).IsAssignableFrom(f));
}

/// <summary>
/// Starts the browser lanes' collections before all others. Each lane runs its classes one after another and is the
/// longest chain of the suite (about two minutes of page checks and journeys); started last, as xunit's default order
/// happened to do, the lanes ran alone at the end while the rest of the suite had long finished.
/// </summary>
public sealed class BrowserLanesFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.StartsWith(HostCollections.BrowserLanePrefix, StringComparison.Ordinal) ? 0 : 1);
}
