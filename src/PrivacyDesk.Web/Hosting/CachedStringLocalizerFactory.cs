using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Hosting;

/// <summary>
/// The resource-file localizers with their answers remembered per UI culture. Resources are compiled in and never change
/// while the app runs, so an answer once looked up is the answer for good; the stock localizer instead builds a
/// cache-key string and walks the culture fallback (ja-JP → ja → neutral) on every <c>L["…"]</c>, about 150 times per
/// member form GET (docs/benchmarks/pages.md, session 8). Formatting with arguments is left to the stock localizer.
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> byName = new();
    private readonly ConcurrentDictionary<Type, IStringLocalizer> byType = new();

    public IStringLocalizer Create(Type resourceSource) =>
        byType.GetOrAdd(resourceSource, static (type, factory) => new CachedStringLocalizer(factory.Create(type)), inner);

    public IStringLocalizer Create(string baseName, string location) =>
        byName.GetOrAdd((baseName, location), static (key, factory) => new CachedStringLocalizer(factory.Create(key.BaseName, key.Location)), inner);

    private sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        /// <summary>
        /// Names come from the code (string literals), so the set is small; the bound only guards against a name built
        /// from input, which is then looked up every time as before.
        /// </summary>
        private const int MaxEntries = 4096;

        private readonly ConcurrentDictionary<(string Name, CultureInfo Culture), LocalizedString> answers = new();

        public LocalizedString this[string name]
        {
            get
            {
                var key = (name, CultureInfo.CurrentUICulture);
                if (answers.TryGetValue(key, out var answer))
                {
                    return answer;
                }

                answer = inner[name];
                if (answers.Count < MaxEntries)
                {
                    answers.TryAdd(key, answer);
                }

                return answer;
            }
        }

        public LocalizedString this[string name, params object[] arguments] => inner[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
