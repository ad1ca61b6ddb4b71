// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type {
  BindInput,
  BindOutcome,
  BrokerServices,
  DeleteOutcome,
  DeprovisionInput,
  ProvisionInput,
  ProvisionOutcome,
  UnbindInput,
  UpdateInput,
  UpdateOutcome,
} from './server/runtime/broker/index.js';
import type { PlanParameters } from './server/catalog.js';

/**
 * The broker's business logic. The broker runtime (`server/runtime/broker/`) decides every answer the
 * OSB specification decides (status codes, repeated and concurrent requests, asynchronous
 * operations and their polling) and calls these methods only for the work that is yours.
 *
 * Return at once to finish within the request, or return `{ async: (progress) => ... }` to run
 * the work in the background (202 Accepted; platforms then poll last_operation). Throw an
 * `OsbError` (exported by the runtime, `server/runtime/`) to refuse a request with a status of your
 * choice.
 */
export class Broker implements BrokerServices<PlanParameters> {
  /** Creates the service instance `input.instanceId` of `input.plan`. */
  async provision(input: ProvisionInput<PlanParameters>): Promise<ProvisionOutcome> {
    // Create the instance's resources here, from input.parameters and input.context.
    return {};
  }

  /** Moves an instance to another plan, or applies new parameters or context. */
  async update(input: UpdateInput<PlanParameters>): Promise<UpdateOutcome> {
    // Apply input.planId and input.parameters to input.instance here.
    return {};
  }

  /** Removes an instance; `input.haltedCreation` says its creation was still running. */
  async deprovision(input: DeprovisionInput): Promise<DeleteOutcome> {
    // Release the resources of input.instanceId here.
  }

  /** Gives an application access to an instance: the credentials it will use. */
  async bind(input: BindInput<PlanParameters>): Promise<BindOutcome> {
    // Create a user or key for input.bindingId here and return how to reach the instance.
    return { credentials: {} };
  }

  /** Revokes the access a binding gave. */
  async unbind(input: UnbindInput): Promise<DeleteOutcome> {
    // Remove the user or key of input.bindingId here.
  }
}
