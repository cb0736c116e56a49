using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Embedding;

public sealed class ModelsDirectoryTests
{
    [Fact]
    public void A_new_home_without_models_uses_the_default_homes()
    {
        using var home = new TemporaryDirectory();

        Assert.Equal(RagexHome.Default.ModelsDirectory, EmbedderProvider.ModelsDirectoryFor(new RagexHome(home.Path), configured: " "));
    }

    [Fact]
    public void A_home_with_its_own_models_uses_them_and_the_variable_overrides_both()
    {
        using var home = new TemporaryDirectory();
        var own = new RagexHome(home.Path);
        Directory.CreateDirectory(own.ModelsDirectory);

        Assert.Equal(own.ModelsDirectory, EmbedderProvider.ModelsDirectoryFor(own, configured: " "));
        Assert.Equal("/elsewhere", EmbedderProvider.ModelsDirectoryFor(own, configured: "/elsewhere"));
    }
}
