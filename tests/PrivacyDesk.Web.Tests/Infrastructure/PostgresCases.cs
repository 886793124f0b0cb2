using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("PrivacyDesk.Web.Tests.Infrastructure.PostgresCases", "PrivacyDesk.Web.Tests")]

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>
/// The xunit test framework of this assembly: the standard one, except that without PostgreSQL configured the
/// PostgreSQL cases are reported as skipped, all with one message, instead of failing one by one. Under
/// <c>scripts/test.sh</c> and CI (<see cref="RequireVariable"/> = 1) nothing is skipped: a missing or unreachable
/// cluster fails the PostgreSQL cases.
/// </summary>
/// <remarks>
/// A PostgreSQL case is a test whose class is named "…Postgres…", carries <c>[Trait("Provider", "Postgres")]</c>, or takes
/// a fixture type named "…Postgres…" (the convention of the two small subclasses per integration test class).
/// </remarks>
public sealed class PostgresCases(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>Set to 1 by scripts/test.sh and CI: the PostgreSQL cases must run.</summary>
    public const string RequireVariable = "PRIVACYDESK_REQUIRE_POSTGRES";

    public static string? SkipReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable))
        && Environment.GetEnvironmentVariable(RequireVariable) != "1"
            ? $"PostgreSQL is not configured: {TestDatabase.PostgresVariable} is not set, so the PostgreSQL cases are skipped. " +
              "Run bash scripts/test.sh (it starts a throwaway cluster and requires them), or start one with " +
              "scripts/pg-cluster.sh and export the variable it prints."
            : null;

    public static bool IsPostgresCase(ITestMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var type = method.TestClass.Class.ToRuntimeType();
        if (type is null)
        {
            return false;
        }

        static bool Named(Type t) => t.Name.Contains("Postgres", StringComparison.Ordinal);
        return Named(type)
            || type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
                && a.ConstructorArguments.Count == 2 && Equals(a.ConstructorArguments[0].Value, "Provider") && Equals(a.ConstructorArguments[1].Value, "Postgres"))
            || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericArguments().Any(Named))
            || type.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => Named(p.ParameterType));
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            if (SkipReason is { } reason)
            {
                testCases = testCases
                    .Select(c => IsPostgresCase(c.TestMethod) ? new SkippedCase(DiagnosticMessageSink, c, reason) : c)
                    .ToList();
            }

            base.RunTestCases(testCases, executionMessageSink, executionOptions);
        }
    }

    /// <summary>The same test (same method, arguments and id), reported as skipped without running.</summary>
    private sealed class SkippedCase : XunitTestCase
    {
        private readonly string reason = "";

        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedCase()
        {
        }

        public SkippedCase(IMessageSink diagnosticMessageSink, IXunitTestCase original, string reason)
            : base(diagnosticMessageSink, TestMethodDisplay.ClassAndMethod, TestMethodDisplayOptions.None, original.TestMethod, original.TestMethodArguments)
        {
            this.reason = reason;
        }

        protected override void Initialize()
        {
            base.Initialize();
            SkipReason = reason;
        }
    }
}
