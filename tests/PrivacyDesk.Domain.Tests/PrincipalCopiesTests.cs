using System.Reflection;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// A request keeps copies of its principal's name (<see cref="PrivacyRequest.PrincipalName"/> and the search and
/// duplicate keys) so that the staff queue reads a page from the request rows alone (ADR 0011, docs/benchmarks/queue.md).
/// Copies of personal data must never outlive or contradict the original: today nothing corrects or erases a
/// principal's name after filing, so the copies are set once. These tests make that assumption fail loudly the day
/// something starts changing the name, so that whoever adds it updates (or erases) the copies too.
/// </summary>
public class PrincipalCopiesTests
{
    [Fact]
    public void A_request_copies_its_principal_s_name_and_keys_when_filed()
    {
        var principal = new Person(PartyRole.Principal, "髙橋　 陽子", "ﾀｶﾊｼ ﾖｳｺ", new DateOnly(1980, 4, 1), "160-0022", "東京都",
            "新宿区新宿", "6-24-20", "03-5285-1771", null);
        var request = new PrivacyRequest("PD-2026-000001", new string('0', 64), RequestFamily.Disclosure, [RequestKind.Disclosure],
            Channel.Online, RequesterType.Principal, principal, null,
            new RequestDetails("登録情報", Delivery: DeliveryMethod.Electronic), DateTimeOffset.UtcNow, new FeePolicy(), new DeadlineClock(),
            PrivacyRequest.MemberActor, DateTimeOffset.UtcNow);

        Assert.Equal("髙橋 陽子", request.PrincipalName);
        Assert.Equal(principal.FullName, request.PrincipalName);
        Assert.Equal(("髙橋陽子", "髙橋", "タカハシヨウコ", "タカハシ"),
            (request.PrincipalNameKey, request.PrincipalFamilyNameKey, request.PrincipalKanaKey, request.PrincipalFamilyKanaKey));
        Assert.Equal(principal.DuplicateKey, request.PrincipalDuplicateKey);
    }

    [Theory]
    [InlineData(typeof(Person), new[] { "FullName", "FullNameKana", "SearchKana", "DateOfBirth" })]
    [InlineData(typeof(PrivacyRequest), new[]
    {
        "PrincipalId", "PrincipalName", "PrincipalNameKey", "PrincipalKanaKey", "PrincipalFamilyNameKey", "PrincipalFamilyKanaKey",
        "PrincipalDuplicateKey",
    })]
    public void Only_the_constructors_set_the_principal_s_name_and_the_request_s_copies_of_it(Type type, string[] properties)
    {
        var setters = properties.Select(name => type.GetProperty(name)!.GetSetMethod(nonPublic: true)!).ToHashSet();
        Assert.Equal(properties.Length, setters.Count);

        var writers = CallersOf(setters).Where(caller => !(caller is ConstructorInfo && caller.DeclaringType == type)).ToList();

        // A name correction or an erasure of the principal's name must update or erase the request's copies in the same
        // change (and the migration-style backfill is no longer enough): then widen this test to the new method.
        Assert.True(writers.Count == 0,
            $"Set outside {type.Name}'s constructors: {string.Join(", ", writers.Select(m => $"{m.DeclaringType?.Name}.{m.Name}"))}. "
            + "Requests keep copies of the principal's name (PrivacyRequest.PrincipalName and the Principal*Key columns): "
            + "correct or erase them together with the person.");
    }

    [Fact]
    public void The_scan_finds_a_setter_called_outside_a_constructor()
    {
        // The scan itself must work, or the test above could not fail: Person.Correct sets the phone number.
        var setter = typeof(Person).GetProperty(nameof(Person.Phone))!.GetSetMethod(nonPublic: true)!;

        Assert.Contains(CallersOf(new HashSet<MethodInfo> { setter }), caller => caller.Name == "Correct");
    }

    /// <summary>Every method of the domain assembly whose IL calls one of <paramref name="targets"/>.</summary>
    private static IEnumerable<MethodBase> CallersOf(IReadOnlySet<MethodInfo> targets)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(PrivacyRequest).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is not null && Calls(method, il, targets))
                {
                    yield return method;
                }
            }
        }
    }

    /// <summary>
    /// Whether the IL holds a call (0x28) or callvirt (0x6F) of a method defined in this module (token table 0x06) that is a
    /// target. The bytes are not
    /// decoded instruction by instruction; a token found at a wrong offset would have to resolve to one of a handful of
    /// setters to count, which random operand bytes do not.
    /// </summary>
    private static bool Calls(MethodBase method, byte[] il, IReadOnlySet<MethodInfo> targets)
    {
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F))
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            if ((token >> 24) != 0x06)
            {
                continue;
            }

            try
            {
                var genericArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
                var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
                if (method.Module.ResolveMethod(token, genericArguments, methodArguments) is MethodInfo called
                    && targets.Any(target => target.Module == called.Module && target.MetadataToken == called.MetadataToken))
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
            }
        }

        return false;
    }
}
