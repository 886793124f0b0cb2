using System.Reflection;
using System.Runtime.CompilerServices;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Identity;

namespace PrivacyDesk.Web.Tests.Audit;

/// <summary>
/// The one catalogue of audit codes (ADR 0014): every domain event has a code, every code has a label, one spelling;
/// and every public change method of a staff account raises its event.
/// </summary>
public sealed class AuditCatalogueTests
{
    public static TheoryData<Type> EventTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(IDomainEvent).Assembly.GetTypes().Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_domain_event_has_an_audit_code(Type eventType)
    {
        // An empty instance: the catalogue either maps its type (and may then trip over the missing values) or says
        // it has no code. Only the latter fails.
        var empty = (IDomainEvent)RuntimeHelpers.GetUninitializedObject(eventType);
        try
        {
            _ = AuditActions.Entry(empty);
        }
        catch (UnmappedEventException ex)
        {
            Assert.Fail(ex.Message);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentNullException or InvalidOperationException)
        {
            // Mapped: its projection read a field the empty instance does not have (or, for a read, refused its empty code).
        }
    }

    [Fact]
    public void Codes_are_spelled_one_way_and_have_labels()
    {
        var codes = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.True(codes.Count > 40);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]+\\.[a-z]+(_[a-z]+)*$", code));
        Assert.All(codes, code => Assert.NotNull(AuditActions.Describe(code)));
        Assert.All(AuditActions.Reads, code => Assert.Contains(code, codes));
        Assert.All(AuditActions.Changes, code => Assert.Contains(code, codes));
    }

    [Theory]
    [InlineData("account.roles-changed", "Staff roles changed")]
    [InlineData("staff.user_created", "Staff account created")]
    public void Codes_stored_before_the_catalogue_are_still_named(string legacy, string english) =>
        Assert.Equal(english, AuditActions.Describe(legacy)!.Value.English);

    [Fact]
    public void A_read_code_outside_the_catalogue_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => AuditActions.Entry(new PersonalDataRead("request.peeked", null, null)));

    public static TheoryData<string> AccountChangeMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in AccountMethods())
        {
            data.Add(method.Name);
        }

        return data;
    }

    [Fact]
    public void The_account_change_methods_are_found() =>
        Assert.Contains(nameof(StaffUser.RecordRolesChanged), AccountMethods().Select(m => m.Name));

    [Theory]
    [MemberData(nameof(AccountChangeMethods))]
    public void Every_change_method_of_a_staff_account_raises_an_event(string name)
    {
        var user = new StaffUser { Email = "a@staff.example", UserName = "a@staff.example" };
        var method = AccountMethods().Single(m => m.Name == name);

        method.Invoke(user, method.GetParameters().Select(Sample).ToArray());

        var raised = ((IEventSource)user).TakeEvents();
        Assert.True(raised.Count > 0,
            $"StaffUser.{name} raised no domain event: make it raise one (a record in src/PrivacyDesk.Domain/Events) and give " +
            "the event its case in AuditActions.Entry (src/PrivacyDesk.Web/Audit/AuditActions.cs).");
        Assert.All(raised, e => Assert.Contains(user.Id, AuditActions.Entry(e).Details!.ToString()!, StringComparison.Ordinal));
    }

    private static IEnumerable<MethodInfo> AccountMethods() =>
        typeof(StaffUser).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.ReturnType == typeof(void) && m.GetCustomAttribute<RaisesNoEventAttribute>() is null);

    private static object? Sample(ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(string) => "sample",
        var t when t == typeof(bool) => true,
        var t when t == typeof(IEnumerable<string>) => new[] { StaffRoles.Staff },
        var t when t == typeof(DateTimeOffset?) => DateTimeOffset.UnixEpoch,
        var t => throw new InvalidOperationException($"Add a sample value for {t} to AuditCatalogueTests.Sample."),
    };
}
