// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type {
  DeprovisionServiceInstanceReply,
  DeprovisionServiceInstanceRequest,
  FetchServiceInstanceReply,
  FetchServiceInstanceRequest,
  PollServiceInstanceLastOperationReply,
  PollServiceInstanceLastOperationRequest,
  ProvisionServiceInstanceReply,
  ProvisionServiceInstanceRequest,
  ServiceInstancesHandlers,
  UpdateServiceInstanceReply,
  UpdateServiceInstanceRequest,
} from '../server/handlers.js';
import { notImplemented } from '../server/runtime/index.js';

/** Handles the operations tagged Service Instances. Each method answers 501 until you fill it in. */
export class ServiceInstancesService implements ServiceInstancesHandlers {
  /** Fetch a Service Instance */
  async fetchServiceInstance(
    request: FetchServiceInstanceRequest,
  ): Promise<FetchServiceInstanceReply> {
    return notImplemented('fetchServiceInstance');
  }
  /** Provision a Service Instance */
  async provisionServiceInstance(
    request: ProvisionServiceInstanceRequest,
  ): Promise<ProvisionServiceInstanceReply> {
    return notImplemented('provisionServiceInstance');
  }
  /** Deprovision a Service Instance */
  async deprovisionServiceInstance(
    request: DeprovisionServiceInstanceRequest,
  ): Promise<DeprovisionServiceInstanceReply> {
    return notImplemented('deprovisionServiceInstance');
  }
  /** Update a Service Instance */
  async updateServiceInstance(
    request: UpdateServiceInstanceRequest,
  ): Promise<UpdateServiceInstanceReply> {
    return notImplemented('updateServiceInstance');
  }
  /** Poll the last operation of a Service Instance */
  async pollServiceInstanceLastOperation(
    request: PollServiceInstanceLastOperationRequest,
  ): Promise<PollServiceInstanceLastOperationReply> {
    return notImplemented('pollServiceInstanceLastOperation');
  }
}
