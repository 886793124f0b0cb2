using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatedBy",
                table: "DecisionOutcomes",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatedFromContent",
                table: "DecisionOutcomes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RestatedFromOutcome",
                table: "DecisionOutcomes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RestatementApprovedAt",
                table: "DecisionOutcomes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatementApprovedBy",
                table: "DecisionOutcomes",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestatementReason",
                table: "DecisionOutcomes",
                type: "character varying(4000)",
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
