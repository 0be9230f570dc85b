namespace Keel.Containers.Tests;

/// <summary>The multi-stage Dockerfile .NET teams bring (Visual Studio's and the docs' shape), as the reader and engine tests use it.</summary>
internal static class ArticleDockerfile
{
    public const string Text = """
        FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS base
        WORKDIR /app
        EXPOSE 8080
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        ARG BUILD_CONFIGURATION=Release
        WORKDIR /src
        COPY ["BlazorApp.csproj", "."]
        RUN dotnet restore "./BlazorApp.csproj"
        COPY . .
        RUN dotnet build "./BlazorApp.csproj" -c $BUILD_CONFIGURATION -o /app/build
        FROM build AS publish
        RUN dotnet publish "./BlazorApp.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false
        FROM base AS final
        WORKDIR /app
        COPY --from=publish /app/publish .
        ENTRYPOINT ["dotnet", "BlazorApp.dll"]
        """;
}
