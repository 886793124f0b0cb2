using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Pages.Requests.Form;

namespace PrivacyDesk.Web.Pages.Requests;

public sealed class DisclosureModel(
    IValidator<RequestFormInput> validator,
    UploadDraftStore drafts,
    RequestIntake intake,
    IDataProtectionProvider dataProtection,
    IOptions<OrganizationOptions> organization,
    ILogger<DisclosureModel> logger)
    : RequestFormPageModel(validator, drafts, intake, dataProtection, organization, logger)
{
    public override RequestFamily Family => RequestFamily.Disclosure;
}
