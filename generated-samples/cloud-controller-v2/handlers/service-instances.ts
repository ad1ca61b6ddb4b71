// Created by brokergen from cloud-controller-v2.yaml (Cloud Foundry Cloud Controller v2 — Service Instances 2.0.0).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type {
  CreateServiceInstanceReply,
  CreateServiceInstanceRequest,
  DeleteServiceInstanceReply,
  DeleteServiceInstanceRequest,
  GetServiceInstanceReply,
  GetServiceInstanceRequest,
  ListServiceInstancesReply,
  ListServiceInstancesRequest,
  ServiceInstancesHandlers,
  UpdateServiceInstanceReply,
  UpdateServiceInstanceRequest,
} from '../server/handlers.js';
import { notImplemented } from '../server/runtime/index.js';

/** Handles the operations tagged Service Instances. Each method answers 501 until you fill it in. */
export class ServiceInstancesService implements ServiceInstancesHandlers {
  /** List service instances */
  async listServiceInstances(
    request: ListServiceInstancesRequest,
  ): Promise<ListServiceInstancesReply> {
    return notImplemented('listServiceInstances');
  }
  /** Create a service instance */
  async createServiceInstance(
    request: CreateServiceInstanceRequest,
  ): Promise<CreateServiceInstanceReply> {
    return notImplemented('createServiceInstance');
  }
  /** Retrieve a service instance */
  async getServiceInstance(request: GetServiceInstanceRequest): Promise<GetServiceInstanceReply> {
    return notImplemented('getServiceInstance');
  }
  /** Update a service instance */
  async updateServiceInstance(
    request: UpdateServiceInstanceRequest,
  ): Promise<UpdateServiceInstanceReply> {
    return notImplemented('updateServiceInstance');
  }
  /** Delete a service instance */
  async deleteServiceInstance(
    request: DeleteServiceInstanceRequest,
  ): Promise<DeleteServiceInstanceReply> {
    return notImplemented('deleteServiceInstance');
  }
}
