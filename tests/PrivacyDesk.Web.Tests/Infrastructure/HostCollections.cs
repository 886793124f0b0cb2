using System.Collections.Concurrent;
using PrivacyDesk.Web.Tests.Journeys;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: CollectionBehavior("PrivacyDesk.Web.Tests.Infrastructure.HostCollections", "PrivacyDesk.Web.Tests")]

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// xunit's test collections for this assembly: one collection per shared host (ADR 0019) instead of one per class.
/// </summary>
/// <remarks>
/// Classes that lease the same <see cref="SharedHost"/> (the same <see cref="AppFixture"/> type) or the shared browser
/// (<see cref="BrowserFixture"/>) run one after another anyway. As separate collections, each such class took one of
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

        return hosts.GetOrAdd(fixture, f => new TestCollection(testAssembly, null, "Shared host " + f.Name));
    }

    /// <summary>The fixture type whose host <paramref name="testClass"/> shares, if any.</summary>
    public static Type? SharedFixture(Type? testClass) =>
        testClass?.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(f => typeof(AppFixture).IsAssignableFrom(f) || f == typeof(BrowserFixture));
}
