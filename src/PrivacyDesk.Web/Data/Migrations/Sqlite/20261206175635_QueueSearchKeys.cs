using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PrincipalName",
                table: "Requests",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Requests filed before this migration get their principal's name, as PrivacyRequest sets it for new ones.
            migrationBuilder.Sql(PrincipalNameBackfill.Sql(PrincipalNameBackfill.Provider.Sqlite));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PrincipalName",
                table: "Requests");
        }
    }
}
