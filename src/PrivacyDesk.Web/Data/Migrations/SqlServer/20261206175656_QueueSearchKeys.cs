using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
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
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Requests filed before this migration get their principal's name, as PrivacyRequest sets it for new ones.
            migrationBuilder.Sql(SqlServerBatch.Exec(PrincipalNameBackfill.Sql(PrincipalNameBackfill.Provider.SqlServer)));
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
