using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RestatedRecordsContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RestatedAt",
                table: "DecisionOutcomes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatedBy",
                table: "DecisionOutcomes",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatedFromContent",
                table: "DecisionOutcomes",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RestatedFromOutcome",
                table: "DecisionOutcomes",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RestatementApprovedAt",
                table: "DecisionOutcomes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatementApprovedBy",
                table: "DecisionOutcomes",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatementReason",
                table: "DecisionOutcomes",
                type: "nvarchar(4000)",
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
