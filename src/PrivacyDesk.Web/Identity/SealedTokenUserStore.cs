using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// Identity's EF user store, except that the values of <c>AspNetUserTokens</c> (the TOTP authenticator key and the
/// recovery codes, under the internal "[AspNetUserStore]" provider) are sealed under the documents' master key. A copy
/// of the database therefore yields neither a second factor nor a code that passes it.
/// </summary>
/// <remarks>
/// Identity reads and writes these values only through <see cref="GetTokenAsync"/> and <see cref="SetTokenAsync"/>
/// (authenticator key, recovery code count, redemption, reset), so sealing there covers every path. The associated
/// data is the user id, provider and token name: a sealed value copied onto another user's row does not open. A value
/// still plain (written before this store) is read as it is; the start-up pass of <see cref="SecretsAtRest"/> seals it.
/// </remarks>
public sealed class SealedTokenUserStore(PrivacyDeskDbContext context, MasterKeySealer sealer, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, PrivacyDeskDbContext, string>(context, describer)
{
    internal const string Purpose = "user-token";

    public override async Task<string?> GetTokenAsync(StaffUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var value = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return MasterKeySealer.IsSealed(value) ? sealer.OpenText(value!, Purpose, TokenContext(user.Id, loginProvider, name)) : value;
    }

    public override Task SetTokenAsync(StaffUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var sealedValue = value is null ? null : sealer.SealText(value, Purpose, TokenContext(user.Id, loginProvider, name));
        return base.SetTokenAsync(user, loginProvider, name, sealedValue, cancellationToken);
    }

    /// <summary>The associated data of a token row.</summary>
    internal static string TokenContext(string userId, string loginProvider, string name) => $"{userId}\0{loginProvider}\0{name}";
}
