using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RestatedRecordsContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RestatedAt",
                table: "DecisionOutcomes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatedBy",
                table: "DecisionOutcomes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatedFromContent",
                table: "DecisionOutcomes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RestatedFromOutcome",
                table: "DecisionOutcomes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RestatementApprovedAt",
                table: "DecisionOutcomes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatementApprovedBy",
                table: "DecisionOutcomes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatementReason",
                table: "DecisionOutcomes",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RestatedAt",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "RestatedBy",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "RestatedFromContent",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "RestatedFromOutcome",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "RestatementApprovedAt",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "RestatementApprovedBy",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "RestatementReason",
                table: "DecisionOutcomes");
        }
    }
}
