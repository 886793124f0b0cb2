using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueFamilyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Requests_IsOpen_Family_DueAt_Id_ClockPausedSince",
                table: "Requests",
                columns: new[] { "IsOpen", "Family", "DueAt", "Id", "ClockPausedSince" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_IsOpen_Family_DueAt_Id_ClockPausedSince",
                table: "Requests");
        }
    }
}
