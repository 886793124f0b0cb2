using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// Binds whole numbers as people in Japan type them: full-width digits (１９５８), full-width or ideographic spaces and
/// thousands separators (1,000 / １，０００) are normalised (NFKC) before parsing, so that a birth year typed with the
/// IME on is kept instead of refused and erased. Applies to every int and long form value (public and staff forms).
/// </summary>
public sealed class FullWidthNumberBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        return type == typeof(int) || type == typeof(long) ? new FullWidthNumberBinder() : null;
    }
}

public sealed class FullWidthNumberBinder : IModelBinder
{
    /// <summary>NFKC, then without spaces or thousands separators; null when nothing is left.</summary>
    public static string? Normalize(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = new string(JapaneseText.ToHalfWidth(value).Where(c => !char.IsWhiteSpace(c) && c != ',').ToArray());
        return text.Length == 0 ? null : text;
    }

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = Normalize(result.FirstValue);
        var type = bindingContext.ModelMetadata.UnderlyingOrModelType;
        if (text is null)
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(result.FirstValue ?? string.Empty));
            }

            return Task.CompletedTask;
        }

        if (type == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            bindingContext.Result = ModelBindingResult.Success(number);
        }
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wide))
        {
            bindingContext.Result = ModelBindingResult.Success(wide);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(result.FirstValue ?? string.Empty, bindingContext.ModelMetadata.GetDisplayName()));
        }

        return Task.CompletedTask;
    }
}
